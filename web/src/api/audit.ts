import { http, type Page, type PageQuery } from './http'

/** A JSON object as the audit trail stored it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface AuditEntry {
  id: number
  at: string
  actor_id: number | null
  actor_username: string | null
  action: string
  entity: string
  entity_id: string
  before: { [key: string]: JsonValue } | null
  after: { [key: string]: JsonValue } | null
}

export interface AuditQuery extends PageQuery {
  entity?: string
  action?: string
  actor?: string
  /** YYYY-MM-DD, China Standard Time, inclusive. */
  from?: string | null
  to?: string | null
}

export const auditApi = {
  list: (query: AuditQuery) => http.get<Page<AuditEntry>>('/audit', { ...query }),
}
