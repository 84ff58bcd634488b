// `vault?.#secret`, valid JavaScript that the TypeScript 5.9 parser refused (the weave
// parsed with it before oxc-parser), outside the annotated function: the annotated
// function is woven and the bundler builds the rest as it is.

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
