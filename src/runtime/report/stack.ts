export interface StackFrame {
  function: string | null
  file: string
  line: number
  column: number
}

const V8_FRAME = /^\s*at (?:(?:async )?(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/
const GECKO_FRAME = /^\s*(.*?)@(.*?):(\d+):(\d+)\s*$/

/** V8 (`at f (file:1:2)`) and Firefox/Safari (`f@file:1:2`) frames; other lines are skipped. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = []
  for (const line of stack.split('\n', 200)) {
    const match = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line)
    if (match) frames.push({ function: match[1] || null, file: match[2], line: Number(match[3]), column: Number(match[4]) })
  }
  return frames
}
