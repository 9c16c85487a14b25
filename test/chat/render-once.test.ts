import { describe, expect, it } from 'vitest';
import { renderOnce } from '../../src/chat/render-once.js';
import type { Reply } from '../../src/domain/reply.js';

describe('a sender renders each reply once', () => {
  it('hands back the render fits() measured when send() asks for the same reply', () => {
    let renders = 0;
    const render = renderOnce((reply: Reply) => ({ text: reply.title, n: (renders += 1) }));
    const digest: Reply = { kind: 'ok', title: '12 KYC alerts' };
    const measured = render(digest);
    expect(render(digest)).toBe(measured);
    expect(renders).toBe(1);
    expect(render({ ...digest })).not.toBe(measured);
    expect(renders).toBe(2);
  });
});
