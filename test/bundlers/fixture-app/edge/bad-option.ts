import { ErrorMonitor } from 'errorweave'

export class Settings {
  @ErrorMonitor({ comment: describe() })
  load(): string {
    return 'loaded'
  }
}

/** @ErrorMonitor({ severity: 'FATAL' }) */
export function reload(): void {}

function describe(): string {
  return 'computed'
}
