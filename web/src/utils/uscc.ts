// The unified social credit code (统一社会信用代码, GB 32100-2015), checked as the server checks it.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** GB 11714 organisation code: weights over characters 9–16 of the USCC. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** Which rule a code breaks, in the order they are checked; null when the code is valid. */
export type UsccError = 'length' | 'lowercase' | 'forbidden' | 'orgCheck' | 'check'

/** GB 11714 value of a character: digits 0–9, letters A=10 … Z=35. */
function orgValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48
  return char.charCodeAt(0) - 55
}

/** The check character (position 17) of the organisation code in characters 9–16. */
export function orgCheckChar(org8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i += 1) sum += orgValue(org8[i]) * ORG_WEIGHTS[i]
  const check = 11 - (sum % 11)
  if (check === 10) return 'X'
  if (check === 11) return '0'
  return String(check)
}

/** The check character (position 18) of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i]
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

export function usccError(code: string): UsccError | null {
  if (Array.from(code).length !== 18) return 'length'
  if (/[a-z]/.test(code)) return 'lowercase'
  for (const char of code) if (!USCC_ALPHABET.includes(char)) return 'forbidden'
  if (orgCheckChar(code.slice(8, 16)) !== code[16]) return 'orgCheck'
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return 'check'
  return null
}

/** Null when valid, else the i18n key of the rule that failed. */
export function validateUscc(code: string): string | null {
  const error = usccError(code)
  return error ? `validation.uscc.${error}` : null
}
