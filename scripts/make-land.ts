// Builds web/public/land.json: Natural Earth 1:10m land (public domain, via world-atlas) clipped
// to the seas around Vietnam and simplified. Land and coastline only — no country borders, so no
// third-party claim over Hoàng Sa or Trường Sa is drawn. Run once; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs'
import { feature } from 'topojson-client'

type Ring = [number, number][]
const BOX = { minLng: 100, maxLng: 118, minLat: 4, maxLat: 24 }
const TOLERANCE = 0.002 // degrees, about 200 m

function clip(ring: Ring): Ring {
  const edges: [(p: number[]) => boolean, (a: number[], b: number[]) => [number, number]][] = [
    [(p) => p[0]! >= BOX.minLng, (a, b) => cross(a, b, 0, BOX.minLng)],
    [(p) => p[0]! <= BOX.maxLng, (a, b) => cross(a, b, 0, BOX.maxLng)],
    [(p) => p[1]! >= BOX.minLat, (a, b) => cross(a, b, 1, BOX.minLat)],
    [(p) => p[1]! <= BOX.maxLat, (a, b) => cross(a, b, 1, BOX.maxLat)],
  ]
  let out: Ring = ring
  for (const [inside, at] of edges) {
    const input = out
    out = []
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!
      const prev = input[(i + input.length - 1) % input.length]!
      if (inside(cur)) {
        if (!inside(prev)) out.push(at(prev, cur))
        out.push(cur)
      } else if (inside(prev)) out.push(at(prev, cur))
    }
    if (out.length === 0) return out
  }
  return out
}
function cross(a: number[], b: number[], axis: 0 | 1, v: number): [number, number] {
  const t = (v - a[axis]!) / (b[axis]! - a[axis]!)
  return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)]
}
function simplify(points: Ring): Ring {
  if (points.length < 4) return points
  const keep = new Uint8Array(points.length)
  keep[0] = keep[points.length - 1] = 1
  const stack: [number, number][] = [[0, points.length - 1]]
  while (stack.length) {
    const [s, e] = stack.pop()!
    let max = 0
    let idx = -1
    const [x1, y1] = points[s]!
    const [x2, y2] = points[e]!
    for (let i = s + 1; i < e; i++) {
      const [x, y] = points[i]!
      const d = Math.abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / (Math.hypot(x2 - x1, y2 - y1) || 1)
      if (d > max) [max, idx] = [d, i]
    }
    if (max > TOLERANCE && idx > 0) {
      keep[idx] = 1
      stack.push([s, idx], [idx, e])
    }
  }
  return points.filter((_, i) => keep[i])
}
/** Clipping and simplifying work on the open ring; GeoJSON wants it closed again. */
const closeRing = (r: Ring): Ring => (r.length ? [...r, r[0]!] : r)
const round = (r: Ring): Ring => r.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000])

const topo = JSON.parse(readFileSync('node_modules/world-atlas/land-10m.json', 'utf8'))
const land = feature(topo, topo.objects.land) as unknown as { features: { geometry: { type: string; coordinates: number[][][][] } }[] }
const polygons: Ring[][] = []
for (const f of land.features) {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as unknown as number[][][]] : f.geometry.coordinates
  for (const poly of polys) {
    const rings = (poly as unknown as Ring[]).map((r) => round(closeRing(simplify(clip(r).slice(0, -1))))).filter((r) => r.length >= 4)
    if (rings.length && rings[0]!.length >= 4) polygons.push(rings)
  }
}
const out = { type: 'Feature', properties: { source: 'Natural Earth 1:10m land (public domain), clipped and simplified' }, geometry: { type: 'MultiPolygon', coordinates: polygons } }
writeFileSync('web/public/land.json', JSON.stringify(out))
console.log(`${polygons.length} polygons, ${polygons.flat().reduce((n, r) => n + r.length, 0)} points`)
