// Valid JavaScript (`vault?.#secret`) that the TypeScript 5.9 parser rejects, in an
// annotated method: the plugin must warn once and pass the file through; the bundler
// still builds it.

export function describeVault(vault?: Vault): string {
  return `secret ${Vault.peek(vault)}`
}

export class Vault {
  #secret = 42

  /** @ErrorMonitor */
  static peek(vault?: Vault): number | undefined {
    return vault?.#secret
  }
}

console.log(`EWPEEK ${describeVault(new Vault())}`)
