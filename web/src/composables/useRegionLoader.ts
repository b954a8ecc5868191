import { regionsApi, type RegionNode } from '@/api/regions'

/** What a lazy el-tree hands to `load`: level 0 asks for the roots, deeper levels carry the parent. */
export interface LazyNode {
  level: number
  data: unknown
}

/**
 * Lazy loading for region trees: the roots come with two levels below them in one call, deeper
 * levels one parent at a time. Children that arrived nested are used without another call.
 */
export function useRegionLoader(onError: (error: unknown) => void, known?: Map<string, RegionNode>) {
  function remember(items: RegionNode[]) {
    if (!known) return
    for (const item of items) {
      known.set(item.code, item)
      if (item.children) remember(item.children)
    }
  }

  async function load(node: LazyNode, resolve: (items: RegionNode[]) => void) {
    try {
      if (node.level === 0) {
        const { items } = await regionsApi.roots(2)
        remember(items)
        resolve(items)
        return
      }
      const data = node.data as RegionNode
      if (Array.isArray(data.children) && data.children.length > 0) {
        resolve(data.children)
        return
      }
      if (!data.has_children) {
        resolve([])
        return
      }
      const { items } = await regionsApi.children(data.code)
      remember(items)
      resolve(items)
    } catch (error) {
      onError(error)
      resolve([])
    }
  }

  return { load }
}

export const regionTreeProps = {
  label: 'name',
  children: 'children',
  isLeaf: (data: { has_children?: boolean }) => !data.has_children,
}
