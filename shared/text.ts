// Folding for search that ignores Vietnamese diacritics and case: "dat do" finds "Đất Đỏ".
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
}
