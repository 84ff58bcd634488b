import type { UnwovenSite } from '../capture/queue.js'

/** The site of a capture no woven function made: its empty method asks the report builder to place it by its stack's top frame. */
export function placedByStack(severity = 'ERROR', comment: string | null = null): UnwovenSite {
  return { class: null, method: '', severity, comment }
}
