import { hooks } from '../platform/hooks.js'
import { parseStack } from '../report/stack.js'

type StackPlace = ReturnType<NonNullable<typeof hooks.context>['place']>

/**
 * Where an error no woven function saw was made (captureException, a framework's
 * error hook): its top stack frame, source-mapped where the platform can.
 */
export function stackPlace(stack: string | null): StackPlace {
  const top = stack ? parseStack(stack)[0] : undefined
  if (!top) return { class: null, method: '<unknown>' }
  const frame = hooks.mapFrame ? hooks.mapFrame(top) : top
  const name = frame.function?.replace(/^(async|new) /, '') ?? '<anonymous>'
  const dot = name.lastIndexOf('.')
  return { class: dot > 0 ? name.slice(0, dot) : null, method: dot > 0 ? name.slice(dot + 1) : name, file: frame.file, line: frame.line, column: frame.column }
}
