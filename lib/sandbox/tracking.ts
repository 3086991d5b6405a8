/**
 * Change tracking for persistence: collections are wrapped in proxies that mark a document dirty
 * whenever anything inside it is set or deleted, so a save serialises only the changed documents
 * and reuses the cached JSON of the others.
 */
import { Doc } from './store';

const RAW = Symbol('sandbox.raw');

/** The unproxied object behind a tracked value (or the value itself). */
export function unwrap<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    const raw = (value as Record<symbol, unknown>)[RAW];
    return (raw ?? value) as T;
  }
  return value;
}

/** Marks the documents of collections dirty as they change. */
export class ChangeTracker {
  /** Dirty documents as `collection/id`. */
  public readonly dirty = new Set<string>();
  private readonly proxies = new WeakMap<object, Map<string, object>>();

  /** A view of `collection` whose writes (at any depth) mark the touched document dirty. */
  public collection(name: string, target: Record<string, Doc>): Record<string, Doc> {
    return new Proxy(target, {
      get: (t, id) => {
        const doc = Reflect.get(t, id);
        return typeof id === 'string' && typeof doc === 'object' && doc !== null ? this.deep(doc, `${name}/${id}`) : doc;
      },
      set: (t, id, value) => {
        this.dirty.add(`${name}/${String(id)}`);
        return Reflect.set(t, id, unwrap(value));
      },
      deleteProperty: (t, id) => {
        this.dirty.add(`${name}/${String(id)}`);
        return Reflect.deleteProperty(t, id);
      },
    });
  }

  private deep<T extends object>(target: T, root: string): T {
    let byRoot = this.proxies.get(target);
    if (byRoot === undefined) {
      byRoot = new Map();
      this.proxies.set(target, byRoot);
    }
    const cached = byRoot.get(root);
    if (cached !== undefined) {
      return cached as T;
    }
    const proxy = new Proxy(target, {
      get: (t, key) => {
        if (key === RAW) {
          return t;
        }
        const value = Reflect.get(t, key);
        return typeof value === 'object' && value !== null ? this.deep(value, root) : value;
      },
      set: (t, key, value) => {
        this.dirty.add(root);
        return Reflect.set(t, key, unwrap(value));
      },
      deleteProperty: (t, key) => {
        this.dirty.add(root);
        return Reflect.deleteProperty(t, key);
      },
    });
    byRoot.set(root, proxy);
    return proxy;
  }
}
