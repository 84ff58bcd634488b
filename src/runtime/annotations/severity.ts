export const Severity = { ERROR: 'ERROR', WARN: 'WARN', INFO: 'INFO' } as const
export type Severity = (typeof Severity)[keyof typeof Severity]
