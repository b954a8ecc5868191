/** The tab a ?tab= asks for, if the user has it; the first otherwise (any page's tabs). */
export function tabOf<T extends string>(wanted: unknown, tabs: readonly T[]): T {
  return typeof wanted === 'string' && (tabs as readonly string[]).includes(wanted) ? (wanted as T) : tabs[0]
}
