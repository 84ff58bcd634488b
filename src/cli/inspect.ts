export function runInspect(_args: string[]): number {
  throw new Error('errorweave inspect: not built yet')
}
