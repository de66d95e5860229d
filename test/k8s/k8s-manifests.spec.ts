import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { K8sObject, kustomize, podSpecOf } from './kustomize';
import { loadRuleContext, ruleProblems, schemaProblems } from './manifest-rules';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are walked as plain JSON */

const K8S = join(__dirname, '../../k8s');
const APPS = ['api-gateway', 'ticket-service', 'sla-service', 'kb-service', 'channel-gateway', 'reporting-service'];
const context = loadRuleContext();
const render = (overlay: string) => kustomize(join(K8S, 'overlays', overlay));
const find = (objects: K8sObject[], kind: string, name: string): any => objects.find((o) => o.kind === kind && o.metadata.name === name);
const clone = (objects: K8sObject[]) => JSON.parse(JSON.stringify(objects)) as K8sObject[];

describe.each(['dev', 'prod'])('the %s overlay', (overlay) => {
  const objects = render(overlay);

  it('renders objects that are valid against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(20);
    expect(schemaProblems(objects)).toEqual([]);
  });

  it('keeps every rule: probes, requests and limits, non-root, PDBs, no secret values, pinned images, consistent references', () => {
    expect(ruleProblems(objects, context)).toEqual([]);
  });

  it('has a Deployment, a Service and a PodDisruptionBudget for every app, and the migrations Job', () => {
    for (const app of APPS) {
      expect(find(objects, 'Deployment', app)?.spec.template.spec.containers[0].args).toEqual([app]);
      expect(find(objects, 'Service', app)).toBeDefined();
      expect(find(objects, 'PodDisruptionBudget', app)).toBeDefined();
    }
    expect(find(objects, 'Job', 'helpdesk-migrate').spec.template.spec.containers[0].args).toEqual(['migrate']);
  });

  it('puts every namespaced object in the overlay namespace', () => {
    const namespace = overlay === 'dev' ? 'helpdesk-dev' : 'helpdesk';
    for (const o of objects)
      if (o.kind !== 'Namespace')
        expect(`${o.kind}/${o.metadata.name} in ${o.metadata.namespace}`).toMatch(new RegExp(` in ${namespace}$`));
    expect(find(objects, 'Namespace', namespace)).toBeDefined();
  });

  it('routes /api, /docs and /odata to api-gateway and /webhooks to channel-gateway', () => {
    const paths = find(objects, 'Ingress', 'helpdesk').spec.rules[0].http.paths as any[];
    const to = (path: string) => paths.find((p) => p.path === path)?.backend.service.name;
    expect([to('/api'), to('/docs'), to('/docs-json'), to('/odata'), to('/webhooks')]).toEqual([
      'api-gateway',
      'api-gateway',
      'api-gateway',
      'api-gateway',
      'channel-gateway',
    ]);
  });
});

describe('the overlays differ as documented', () => {
  it('dev: one replica of each app, a NATS with JetStream on a volume and a PostgreSQL, no autoscalers', () => {
    const objects = render('dev');
    for (const app of APPS) expect(find(objects, 'Deployment', app).spec.replicas).toBe(1);
    const nats = find(objects, 'StatefulSet', 'nats');
    expect(nats.spec.template.spec.containers[0].args).toContain('--jetstream');
    expect(nats.spec.volumeClaimTemplates).toHaveLength(1);
    expect(find(objects, 'StatefulSet', 'postgres').spec.volumeClaimTemplates).toHaveLength(1);
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('prod: two replicas or more spread across zones, autoscalers on the three busiest apps, no engines, TLS', () => {
    const objects = render('prod');
    for (const app of APPS) {
      const deployment = find(objects, 'Deployment', app);
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment.spec.template.spec.topologySpreadConstraints.map((c: any) => c.topologyKey)).toContain(
        'topology.kubernetes.io/zone',
      );
    }
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler') as any[];
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(['api-gateway', 'channel-gateway', 'ticket-service']);
    expect(hpas.every((h) => h.spec.minReplicas >= 2)).toBe(true);
    expect(objects.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    expect(find(objects, 'Ingress', 'helpdesk').spec.tls).toHaveLength(1);
  });
});

describe('the checks fail on a broken manifest', () => {
  const objects = render('prod');
  const gateway = (o: K8sObject[]): any => podSpecOf(o.find((x) => x.kind === 'Deployment' && x.metadata.name === 'api-gateway')!);
  const broken = (mutate: (objects: K8sObject[]) => void) => {
    const copy = clone(objects);
    mutate(copy);
    return ruleProblems(copy, context);
  };

  it('finds a missing probe', () => {
    expect(broken((o) => delete gateway(o).containers[0].readinessProbe)).toEqual([
      'Deployment/api-gateway container api-gateway: no readinessProbe',
    ]);
  });

  it('finds an image tagged latest, or not tagged', () => {
    expect(broken((o) => (gateway(o).containers[0].image = 'x:latest'))).toEqual([
      'Deployment/api-gateway container api-gateway: image x:latest is not pinned (no tag, or latest)',
    ]);
    expect(broken((o) => (gateway(o).containers[0].image = 'registry:5000/x'))).toHaveLength(1);
  });

  it('finds a Secret holding a value', () => {
    const problems = broken((o) =>
      o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'helpdesk-secrets' }, stringData: { JWT_SECRET: 'x' } }),
    );
    expect(problems).toEqual(['Secret/helpdesk-secrets: holds a value']);
  });

  it('finds a container without limits, one running as root, one with a writable root filesystem', () => {
    expect(broken((o) => delete gateway(o).containers[0].resources.limits)).toHaveLength(2);
    expect(broken((o) => (gateway(o).containers[0].securityContext.runAsNonRoot = false))).toEqual([
      'Deployment/api-gateway container api-gateway: runAsNonRoot is not true',
    ]);
    expect(broken((o) => (gateway(o).containers[0].securityContext.readOnlyRootFilesystem = false))).toHaveLength(1);
  });

  it('finds a Deployment without a PodDisruptionBudget', () => {
    expect(
      broken((o) =>
        o.splice(
          o.findIndex((x) => x.kind === 'PodDisruptionBudget' && x.metadata.name === 'kb-service'),
          1,
        ),
      ),
    ).toEqual(['Deployment/kb-service: no PodDisruptionBudget selects its pods']);
  });

  it('finds a Service selecting nothing, a probe on an undeclared port, and an autoscaler of nothing', () => {
    expect(broken((o) => (find(o, 'Service', 'kb-service').spec.selector['app.kubernetes.io/name'] = 'kb'))).toEqual([
      'Service/kb-service: its selector matches no Deployment or StatefulSet',
    ]);
    expect(broken((o) => (gateway(o).containers[0].livenessProbe.httpGet.port = 'metrics'))).toEqual([
      'Deployment/api-gateway container api-gateway: livenessProbe port metrics is not a declared container port',
    ]);
    expect(broken((o) => (find(o, 'HorizontalPodAutoscaler', 'ticket-service').spec.scaleTargetRef.name = 'tickets'))).toEqual([
      'HorizontalPodAutoscaler/ticket-service: scales Deployment/tickets, which does not exist',
    ]);
  });

  it('finds an ingress backend, a secret key and a setting that do not exist', () => {
    expect(broken((o) => (find(o, 'Ingress', 'helpdesk').spec.rules[0].http.paths[0].backend.service.name = 'gateway'))).toEqual([
      'Ingress/helpdesk: /api goes to Service gateway, which does not exist',
    ]);
    expect(
      broken((o) => gateway(o).containers[0].env.push({ name: 'X', valueFrom: { secretKeyRef: { name: 'helpdesk-secrets', key: 'X' } } })),
    ).toEqual(['Deployment/api-gateway container api-gateway: env X reads key X, not in k8s/base/secret-reference.yaml']);
    expect(broken((o) => (find(o, 'ConfigMap', 'helpdesk-config').data.NOT_A_SETTING = '1'))).toEqual([
      "ConfigMap/helpdesk-config: NOT_A_SETTING is not in the README's configuration table",
    ]);
  });

  it('finds an object that breaks its schema', () => {
    const copy = clone(objects);
    gateway(copy).containers[0].ports[0].containerPort = 'http';
    find(copy, 'Service', 'api-gateway').spec.type = 7;
    expect(schemaProblems(copy)).toEqual([
      expect.stringMatching(/^Deployment\/api-gateway: .*containerPort must be integer/),
      expect.stringMatching(/^Service\/api-gateway: .*type must be string/),
    ]);
  });
});

// kubectl is not a Debian package: compared only where it is installed (it is not needed for the checks above).
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
(kubectl ? describe : describe.skip)('the renderer agrees with kubectl kustomize', () => {
  it.each(['dev', 'prod'])('renders %s as kubectl does', (overlay) => {
    const output = execFileSync('kubectl', ['kustomize', join(K8S, 'overlays', overlay)], { encoding: 'utf8', timeout: 60_000 });
    const theirs = parseAllDocuments(output).map((d) => d.toJS() as K8sObject);
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const sorted = (list: K8sObject[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(render(overlay))).toEqual(sorted(theirs));
  });
});
