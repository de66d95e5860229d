import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * A small Kustomize for the subset k8s/ uses, so the manifests render and are checked offline
 * with nothing but npm packages (`kubectl kustomize` is compared with it when it is installed).
 *
 * Supported kustomization.yaml fields: `resources` (files, or directories with their own
 * kustomization.yaml), `namespace`, `images` (`name`, `newName`, `newTag`, `digest`) and `patches`
 * (`path` only: strategic merge patches, each document aimed at the resource of its kind and name).
 * Anything else is an error, so a manifest never silently means something this renderer ignores.
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
]);

/**
 * The lists strategic merge merges item by item, by their key (from the Kubernetes API's
 * `patchMergeKey`); every other list is replaced by the patch's.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  topologySpreadConstraints: 'topologyKey',
};
/** `ports` merges by `containerPort` in a container and by `port` in a Service. */
function mergeKeyOf(field: string, items: Json[]): string | undefined {
  if (field === 'ports') return items.some((item) => isObject(item) && 'containerPort' in item) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

export class KustomizeError extends Error {}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strategic merge of `patch` into `target` (a new value; neither argument changes). `null` deletes a field. */
export function strategicMerge(target: Json, patch: Json, field = ''): Json {
  if (isObject(patch) && isObject(target)) {
    const out: JsonObject = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$')) throw new KustomizeError(`patch directive ${key} is not supported`);
      if (value === null) delete out[key];
      else out[key] = key in target ? strategicMerge(target[key], value, key) : value;
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = mergeKeyOf(field, [...target, ...patch]);
    if (!key) return patch;
    const out = [...target];
    for (const item of patch) {
      if (!isObject(item) || !(key in item)) throw new KustomizeError(`an item of ${field} in a patch has no ${key}`);
      const at = out.findIndex((existing) => isObject(existing) && existing[key] === item[key]);
      if (at === -1) out.push(item);
      else out[at] = strategicMerge(out[at], item);
    }
    return out;
  }
  return patch;
}

function readYaml(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const objects: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new KustomizeError(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || !isObject(value.metadata)) {
      throw new KustomizeError(`${file}: every document must be an object with apiVersion, kind and metadata`);
    }
    objects.push(value as unknown as K8sObject);
  }
  return objects;
}

const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Splits `registry/name:tag@digest` into its name and the rest. */
function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, digest };
}

/** The pod spec of a workload, wherever its kind keeps it. */
export function podSpecOf(o: K8sObject): JsonObject | undefined {
  const spec = o.spec as JsonObject | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec;
  if (o.kind === 'CronJob') {
    const job = (spec.jobTemplate as JsonObject | undefined)?.spec as JsonObject | undefined;
    return (job?.template as JsonObject | undefined)?.spec as JsonObject | undefined;
  }
  return (spec.template as JsonObject | undefined)?.spec as JsonObject | undefined;
}

function applyImages(objects: K8sObject[], rules: ImageRule[]): void {
  for (const o of objects) {
    const pod = podSpecOf(o);
    if (!pod) continue;
    for (const list of ['containers', 'initContainers']) {
      for (const container of (pod[list] as JsonObject[] | undefined) ?? []) {
        const current = splitImage(typeof container.image === 'string' ? container.image : '');
        const rule = rules.find((r) => r.name === current.name);
        if (!rule) continue;
        const name = rule.newName ?? current.name;
        if (rule.digest) container.image = `${name}@${rule.digest}`;
        else if (rule.newTag) container.image = `${name}:${rule.newTag}`;
        else container.image = `${name}${current.tag ? `:${current.tag}` : ''}${current.digest ? `@${current.digest}` : ''}`;
      }
    }
  }
}

/** Renders the kustomization in `dir` (a directory with kustomization.yaml) into its objects. */
export function kustomize(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const [doc] = parseAllDocuments(readFileSync(file, 'utf8'));
  const k = doc.toJS() as Record<string, unknown>;
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new KustomizeError(`${file}: field "${field}" is not supported by this renderer`);
  }
  if (k.kind !== 'Kustomization') throw new KustomizeError(`${file}: kind must be Kustomization`);

  const objects: K8sObject[] = [];
  for (const entry of (k.resources as string[] | undefined) ?? []) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new KustomizeError(`${file}: resource ${entry} does not exist`);
    objects.push(...(statSync(path).isDirectory() ? kustomize(path) : readYaml(path)));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(idOf(o))) throw new KustomizeError(`${file}: ${idOf(o)} is defined twice`);
    seen.add(idOf(o));
  }

  for (const entry of (k.patches as { path?: string }[] | undefined) ?? []) {
    const keys = Object.keys(entry);
    if (keys.length !== 1 || !entry.path)
      throw new KustomizeError(`${file}: a patch must have exactly one field, path (got ${keys.join(', ')})`);
    for (const patch of readYaml(resolve(dir, entry.path))) {
      const at = objects.findIndex(
        (o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name && groupOf(o.apiVersion) === groupOf(patch.apiVersion),
      );
      if (at === -1) throw new KustomizeError(`${file}: patch ${entry.path} targets ${idOf(patch)}, which no resource defines`);
      objects[at] = strategicMerge(objects[at] as unknown as Json, patch as unknown as Json) as unknown as K8sObject;
    }
  }

  const images = (k.images as ImageRule[] | undefined) ?? [];
  for (const rule of images) {
    const unknown = Object.keys(rule).filter((key) => !['name', 'newName', 'newTag', 'digest'].includes(key));
    if (unknown.length) throw new KustomizeError(`${file}: images field(s) ${unknown.join(', ')} not supported`);
  }
  applyImages(objects, images);

  if (typeof k.namespace === 'string') {
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata = { ...o.metadata, namespace: k.namespace };
  }
  return objects;
}
