/**
 * The four commands (DESIGN.md, "Commands"): the parser, the help, the i18n
 * dictionaries, each chat adapter's command menu and the metrics all key on
 * these names.
 */
export type CommandName = 'kyc' | 'customer' | 'receipt' | 'check';

export const COMMAND_NAMES: readonly CommandName[] = ['kyc', 'customer', 'receipt', 'check'];
