// The same syntax the TypeScript 5.9 parser rejects, but outside what the weave reads
// (an unannotated body, blanked before the parse): the annotated function is woven
// and the bundler builds the rest as it is.

/** @ErrorMonitor */
export function describeVault(vault?: Vault): string {
  return `secret ${Vault.peek(vault)}`
}

export class Vault {
  #secret = 42

  static peek(vault?: Vault): number | undefined {
    return vault?.#secret
  }
}

console.log(`EWPEEK ${describeVault(new Vault())}`)
