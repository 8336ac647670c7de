// Bà Rịa–Vũng Tàu and its eight district-level units of 2021, with simplified outlines drawn
// inside the coast ([lng, lat] rings). Rough by design: good enough to place sites on land and to
// draw the areas when no map tiles load.
export interface DemoArea {
  code: string
  areaType: 'urban' | 'rural' | 'island'
  name: string
  lat: number
  lng: number
  ring: [number, number][]
  /** How many polling stations the demo places here. */
  pollingStations: number
}

export const PROVINCE = { code: 'brvt', name: 'Bà Rịa–Vũng Tàu', lat: 10.5, lng: 107.2 }

export const DISTRICTS: DemoArea[] = [
  {
    code: 'vung-tau', areaType: 'urban', name: 'Thành phố Vũng Tàu', lat: 10.37, lng: 107.1, pollingStations: 66,
    ring: [[107.075, 10.335], [107.095, 10.33], [107.125, 10.36], [107.15, 10.41], [107.14, 10.44], [107.1, 10.45], [107.08, 10.4], [107.075, 10.335]],
  },
  {
    code: 'ba-ria', areaType: 'urban', name: 'Thành phố Bà Rịa', lat: 10.5, lng: 107.17, pollingStations: 34,
    ring: [[107.13, 10.465], [107.2, 10.46], [107.21, 10.53], [107.14, 10.54], [107.13, 10.465]],
  },
  {
    code: 'phu-my', areaType: 'rural', name: 'Thị xã Phú Mỹ', lat: 10.59, lng: 107.06, pollingStations: 40,
    ring: [[107.0, 10.51], [107.12, 10.48], [107.13, 10.65], [107.06, 10.7], [107.01, 10.62], [107.0, 10.51]],
  },
  {
    code: 'chau-duc', areaType: 'rural', name: 'Huyện Châu Đức', lat: 10.65, lng: 107.24, pollingStations: 44,
    ring: [[107.15, 10.55], [107.33, 10.56], [107.37, 10.71], [107.23, 10.75], [107.14, 10.67], [107.15, 10.55]],
  },
  {
    code: 'xuyen-moc', areaType: 'rural', name: 'Huyện Xuyên Mộc', lat: 10.6, lng: 107.44, pollingStations: 44,
    ring: [[107.35, 10.47], [107.56, 10.53], [107.55, 10.74], [107.39, 10.71], [107.35, 10.56], [107.35, 10.47]],
  },
  {
    code: 'long-dien', areaType: 'rural', name: 'Huyện Long Điền', lat: 10.46, lng: 107.21, pollingStations: 26,
    ring: [[107.16, 10.42], [107.25, 10.43], [107.25, 10.48], [107.21, 10.46], [107.16, 10.45], [107.16, 10.42]],
  },
  {
    code: 'dat-do', areaType: 'rural', name: 'Huyện Đất Đỏ', lat: 10.48, lng: 107.29, pollingStations: 24,
    ring: [[107.26, 10.43], [107.34, 10.46], [107.34, 10.53], [107.26, 10.5], [107.26, 10.43]],
  },
  {
    code: 'con-dao', areaType: 'island', name: 'Huyện Côn Đảo', lat: 8.69, lng: 106.61, pollingStations: 8,
    ring: [[106.565, 8.655], [106.64, 8.66], [106.665, 8.7], [106.62, 8.73], [106.575, 8.71], [106.565, 8.655]],
  },
]
