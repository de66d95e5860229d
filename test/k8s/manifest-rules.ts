import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { K8sObject, podSpecOf } from './kustomize';

/**
 * The rules every rendered overlay must keep, each returning the problems it finds (one readable
 * line each; none means the manifests pass). The schema check runs the kubernetes-models classes.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped JSON walked by field name */
type Any = any;

export interface SecretReference {
  name: string;
  keys: { name: string; required: boolean; usedBy: string[] }[];
}

export interface RuleContext {
  secretReference: SecretReference;
  /** Every variable of the README's configuration table */
  documentedVariables: Set<string>;
}

const ROOT = join(__dirname, '../..');
const WORKLOADS = new Set(['Deployment', 'StatefulSet']);
const POD_OWNERS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet']);

const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const containersOf = (pod: Any): Any[] => [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])];
const podLabelsOf = (o: K8sObject): Record<string, string> =>
  (o.kind === 'CronJob' ? (o as Any).spec?.jobTemplate?.spec?.template?.metadata?.labels : (o as Any).spec?.template?.metadata?.labels) ??
  {};
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The context from the repository: k8s/base/secret-reference.yaml and the README's configuration table. */
export function loadRuleContext(root = ROOT): RuleContext {
  const secretReference = parse(readFileSync(join(root, 'k8s/base/secret-reference.yaml'), 'utf8')) as SecretReference;
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'));
  const documentedVariables = new Set<string>();
  for (const line of table.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const firstCell = line.split('|')[1];
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documentedVariables.add(match[1]);
  }
  return { secretReference, documentedVariables };
}

/** Every object against its Kubernetes OpenAPI schema (kubernetes-models; see validate-schemas.mjs). */
export function schemaProblems(objects: K8sObject[]): string[] {
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-schemas.mjs')], {
    input: JSON.stringify(objects),
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`validate-schemas.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

/** Probes, requests and limits, non-root and locked-down containers, images pinned. */
function containerProblems(o: K8sObject): string[] {
  const problems: string[] = [];
  const pod: Any = podSpecOf(o);
  if (!pod) return problems;
  const podSecurity = pod.securityContext ?? {};
  if (pod.automountServiceAccountToken !== false) problems.push(`${idOf(o)}: automountServiceAccountToken must be false`);
  for (const c of containersOf(pod)) {
    const where = `${idOf(o)} container ${c.name}`;
    const security = c.securityContext ?? {};
    const isInit = (pod.initContainers ?? []).includes(c);
    if (WORKLOADS.has(o.kind) && !isInit) {
      if (!c.livenessProbe) problems.push(`${where}: no livenessProbe`);
      if (!c.readinessProbe) problems.push(`${where}: no readinessProbe`);
    }
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (c.resources?.[kind]?.[resource] === undefined) problems.push(`${where}: no ${kind}.${resource}`);
      }
    }
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if ((security.runAsUser ?? podSecurity.runAsUser) === 0) problems.push(`${where}: runs as uid 0`);
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (security.privileged === true) problems.push(`${where}: privileged`);
    if (!(security.capabilities?.drop ?? []).includes('ALL')) problems.push(`${where}: capabilities do not drop ALL`);
    if (security.capabilities?.add?.length) problems.push(`${where}: adds capabilities`);
    const image = String(c.image ?? '');
    const [name] = image.split('@');
    const tag = name.lastIndexOf(':') > name.lastIndexOf('/') ? name.slice(name.lastIndexOf(':') + 1) : '';
    if (!image.includes('@') && (!tag || tag === 'latest')) problems.push(`${where}: image ${image} is not pinned (no tag, or latest)`);
    // Probes aim at a port the container declares.
    const declared = new Set<string | number>((c.ports ?? []).flatMap((p: Any) => [p.containerPort, p.name].filter(Boolean)));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port ?? c[probe]?.grpc?.port;
      if (port !== undefined && !declared.has(port)) problems.push(`${where}: ${probe} port ${port} is not a declared container port`);
    }
    // A PORT variable (the apps' HTTP port) is a declared container port.
    const portEnv = (c.env ?? []).find((e: Any) => e.name === 'PORT');
    if (portEnv && !declared.has(Number(portEnv.value))) problems.push(`${where}: PORT=${portEnv.value} is not a declared container port`);
    // Mounted volumes exist.
    const volumes = new Set((pod.volumes ?? []).map((v: Any) => v.name));
    for (const t of (o as Any).spec?.volumeClaimTemplates ?? []) volumes.add(t.metadata?.name);
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) problems.push(`${where}: mounts undeclared volume ${m.name}`);
  }
  if (WORKLOADS.has(o.kind) && !matches((o as Any).spec?.selector?.matchLabels, podLabelsOf(o))) {
    problems.push(`${idOf(o)}: selector does not match its pod template's labels`);
  }
  return problems;
}

/** Environment taken from ConfigMaps and Secrets: the keys exist (or are declared), nothing is guessed. */
function environmentProblems(o: K8sObject, objects: K8sObject[], context: RuleContext): string[] {
  const problems: string[] = [];
  const configMaps = new Map(objects.filter((x) => x.kind === 'ConfigMap').map((x) => [x.metadata.name, (x as Any).data ?? {}]));
  const declared = new Map(context.secretReference.keys.map((k) => [k.name, k]));
  for (const c of containersOf(podSpecOf(o))) {
    const where = `${idOf(o)} container ${c.name}`;
    for (const from of c.envFrom ?? []) {
      if (from.secretRef) problems.push(`${where}: envFrom secretRef (reference each secret key by name instead)`);
      if (from.configMapRef && !configMaps.has(from.configMapRef.name))
        problems.push(`${where}: ConfigMap ${from.configMapRef.name} does not exist`);
    }
    for (const e of c.env ?? []) {
      const secret = e.valueFrom?.secretKeyRef;
      const config = e.valueFrom?.configMapKeyRef;
      if (secret) {
        const key = declared.get(secret.key);
        if (secret.name !== context.secretReference.name)
          problems.push(`${where}: env ${e.name} reads Secret ${secret.name}, not ${context.secretReference.name}`);
        else if (!key) problems.push(`${where}: env ${e.name} reads key ${secret.key}, not in k8s/base/secret-reference.yaml`);
        else if (key.required === (secret.optional === true)) {
          problems.push(
            `${where}: env ${e.name}: key ${secret.key} is ${key.required ? 'required but marked optional' : 'optional but not marked optional: true'}`,
          );
        }
      }
      if (config && !(configMaps.get(config.name) && config.key in configMaps.get(config.name))) {
        problems.push(`${where}: env ${e.name} reads ${config.name}/${config.key}, which does not exist`);
      }
    }
  }
  return problems;
}

/** The problems of a whole rendered overlay (schemas excepted: see schemaProblems). */
export function ruleProblems(objects: K8sObject[], context: RuleContext): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const podOwners = objects.filter((o) => POD_OWNERS.has(o.kind));
  const workloads = objects.filter((o) => WORKLOADS.has(o.kind));

  for (const o of podOwners) problems.push(...containerProblems(o), ...environmentProblems(o, objects, context));

  // Every Deployment and StatefulSet has a PodDisruptionBudget selecting its pods.
  for (const w of workloads) {
    if (!byKind('PodDisruptionBudget').some((pdb) => matches((pdb as Any).spec?.selector?.matchLabels, podLabelsOf(w)))) {
      problems.push(`${idOf(w)}: no PodDisruptionBudget selects its pods`);
    }
  }
  // No Secret carries a value: secrets are created in the cluster, never committed.
  for (const s of byKind('Secret')) {
    if (Object.keys((s as Any).data ?? {}).length || Object.keys((s as Any).stringData ?? {}).length)
      problems.push(`${idOf(s)}: holds a value`);
  }
  // Services select pods that exist, on ports those pods declare.
  for (const svc of byKind('Service')) {
    const selected = workloads.filter((w) => matches((svc as Any).spec?.selector, podLabelsOf(w)));
    if (!selected.length) {
      problems.push(`${idOf(svc)}: its selector matches no Deployment or StatefulSet`);
      continue;
    }
    for (const port of (svc as Any).spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const served = selected.every((w) =>
        containersOf(podSpecOf(w)).some((c) => (c.ports ?? []).some((p: Any) => p.name === target || p.containerPort === target)),
      );
      if (!served) problems.push(`${idOf(svc)}: targetPort ${target} is not a container port of the pods it selects`);
    }
  }
  // Autoscalers scale something that exists.
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = (hpa as Any).spec?.scaleTargetRef ?? {};
    if (!objects.some((o) => o.kind === ref.kind && o.metadata.name === ref.name))
      problems.push(`${idOf(hpa)}: scales ${ref.kind}/${ref.name}, which does not exist`);
  }
  // Network policies select pods that exist (an empty selector is the whole namespace).
  for (const np of byKind('NetworkPolicy')) {
    const selector = (np as Any).spec?.podSelector?.matchLabels;
    if (selector && Object.keys(selector).length && !podOwners.some((w) => matches(selector, podLabelsOf(w)))) {
      problems.push(`${idOf(np)}: its podSelector matches no pods`);
    }
  }
  // Ingress backends are Services with that port.
  for (const ing of byKind('Ingress')) {
    for (const rule of (ing as Any).spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const svc = byKind('Service').find((s) => s.metadata.name === backend?.name) as Any;
        const port = backend?.port?.name ?? backend?.port?.number;
        if (!svc) problems.push(`${idOf(ing)}: ${path.path} goes to Service ${backend?.name}, which does not exist`);
        else if (!(svc.spec?.ports ?? []).some((p: Any) => p.name === port || p.port === port)) {
          problems.push(`${idOf(ing)}: ${path.path} goes to port ${port}, which Service ${backend.name} does not have`);
        }
      }
    }
  }
  // Every setting and every secret key is a documented variable (README, Configuration).
  for (const cm of byKind('ConfigMap')) {
    for (const key of Object.keys((cm as Any).data ?? {})) {
      if (!context.documentedVariables.has(key)) problems.push(`${idOf(cm)}: ${key} is not in the README's configuration table`);
    }
  }
  for (const key of context.secretReference.keys) {
    if (!context.documentedVariables.has(key.name))
      problems.push(`secret-reference.yaml: ${key.name} is not in the README's configuration table`);
  }
  return problems;
}
