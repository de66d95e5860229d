import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kustomize, KustomizeError, strategicMerge } from './kustomize';

/** A throwaway kustomization directory with these files. */
function dir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          image: example.org/web:1.0.0
          env: [{ name: A, value: '1' }, { name: B, value: '2' }]
        - name: sidecar
          image: example.org/sidecar:2.0.0
`;

describe(strategicMerge.name, () => {
  it('merges maps, merges containers and env by name, replaces other lists, and deletes fields set to null', () => {
    const merged = strategicMerge(
      { a: { b: 1, c: 2 }, containers: [{ name: 'x', env: [{ name: 'A', value: '1' }], args: ['1'] }], tags: ['a'] },
      { a: { c: null, d: 3 }, containers: [{ name: 'x', env: [{ name: 'B', value: '2' }], args: ['2'] }], tags: ['b'] },
    );
    expect(merged).toEqual({
      a: { b: 1, d: 3 },
      containers: [
        {
          name: 'x',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          args: ['2'],
        },
      ],
      tags: ['b'],
    });
  });

  it('refuses patch directives it does not implement', () => {
    expect(() => strategicMerge({ a: 1 }, { $patch: 'delete' })).toThrow(KustomizeError);
  });
});

describe(kustomize.name, () => {
  it('applies patches by kind and name, the namespace and image tags', () => {
    const root = dir({
      'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: team
resources: [web.yaml]
images: [{ name: example.org/web, newTag: 1.2.3 }]
patches: [{ path: patch.yaml }]
`,
      'web.yaml': DEPLOYMENT,
      'patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  template:
    spec:
      containers: [{ name: web, env: [{ name: B, value: 'two' }] }]
`,
    });
    const [web] = kustomize(root) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(web.metadata.namespace).toBe('team');
    expect(web.spec.replicas).toBe(3);
    expect(web.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'example.org/web:1.2.3',
      'example.org/sidecar:2.0.0',
    ]);
    expect(web.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two' },
    ]);
  });

  it('fails on a field it does not support, a patch aimed at nothing, and an object defined twice', () => {
    const header = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
    expect(() => kustomize(dir({ 'kustomization.yaml': `${header}commonLabels: { a: b }\n` }))).toThrow(
      'field "commonLabels" is not supported',
    );
    expect(() =>
      kustomize(
        dir({
          'kustomization.yaml': `${header}resources: [web.yaml]\npatches: [{ path: p.yaml }]\n`,
          'web.yaml': DEPLOYMENT,
          'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 2 }\n',
        }),
      ),
    ).toThrow('targets Deployment/api, which no resource defines');
    expect(() => kustomize(dir({ 'kustomization.yaml': `${header}resources: [web.yaml, web.yaml]\n`, 'web.yaml': DEPLOYMENT }))).toThrow(
      'Deployment/web is defined twice',
    );
  });
});
