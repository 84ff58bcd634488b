export interface StackFrame {
  function: string | null
  file: string
  line: number
  column: number
}

const FRAME = /^\s*at (?:(?:async )?(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/

/** V8-style frames of a stack string; lines that are not frames are skipped. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = []
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line)
    if (match) frames.push({ function: match[1] || null, file: match[2], line: Number(match[3]), column: Number(match[4]) })
  }
  return frames
}

/** The frame that called `method` (of `className`), when the stack shows it. */
export function callerFrame(stack: string, className: string | null, method: string): StackFrame | undefined {
  const frames = parseStack(stack)
  const names = className ? [`${className}.${method}`, `new ${className}`] : [method]
  const own = frames.findIndex((frame) => frame.function !== null && names.some((name) => frame.function === name || frame.function!.endsWith(`.${method}`)))
  return own >= 0 ? frames[own + 1] : undefined
}
