/** Markup that is already safe; everything else put into `html` is escaped. */
export class Html {
  constructor(readonly value: string) {}
}

/** A template whose interpolations are escaped (lists joined, null/undefined/false left out), so report text can never become markup. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]
  for (let index = 0; index < values.length; index++) out += render(values[index]) + strings[index + 1]
  return new Html(out)
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`)
}
