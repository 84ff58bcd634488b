// `declare accessor` is refused by oxc-parser (our parser, and Vite's) but built by
// esbuild, which drops `declare` fields; here in a class with an annotated method: the
// plugin must warn once and pass the file through; the bundler still builds it.

export function describeVault(vault?: Vault): string {
  return `secret ${Vault.peek(vault)}`
}

export class Vault {
  declare accessor label: string
  #secret = 42

  /** @ErrorMonitor */
  static peek(vault?: Vault): number | undefined {
    return vault?.#secret
  }
}

console.log(`EWPEEK ${describeVault(new Vault())}`)
