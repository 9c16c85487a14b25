/**
 * A sender's renderer, remembered per Reply object: alerts ask a sender
 * whether a digest fits (ChatSender.fits) and then send that very Reply, so
 * the render fits() measured is the one send() posts, and nothing is rendered
 * twice. Held weakly: a Reply nobody holds any more takes its render with it.
 */
import type { Reply } from '../domain/reply.js';

export function renderOnce<T extends object>(render: (reply: Reply) => T): (reply: Reply) => T {
  const rendered = new WeakMap<Reply, T>();
  return (reply) => {
    let message = rendered.get(reply);
    if (!message) {
      message = render(reply);
      rendered.set(reply, message);
    }
    return message;
  };
}
