// Validates every manifest in deploy/k8s against the JSON schemas of Kubernetes (kubernetes-models) and KEDA
// (@kubernetes-models/keda), offline. Fails on an unknown kind, a schema violation, or a broken cross-reference
// (a Service or HPA or ScaledObject pointing at a workload that is not defined here).
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = join(here, '..');

async function modelClass(apiVersion, kind) {
  if (apiVersion === 'kustomize.config.k8s.io/v1beta1') return null;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const base = group.endsWith('keda.sh') ? '@kubernetes-models/keda' : 'kubernetes-models';
  const path = group === '' ? `${base}/${version}/${kind}` : `${base}/${group}/${version}/${kind}`;
  try {
    const module = await import(path);
    return module.default ?? module[kind];
  } catch (error) {
    throw new Error(`unknown kind ${apiVersion} ${kind} (${error.message})`);
  }
}

const objects = [];
let failures = 0;
for (const file of readdirSync(manifestDir).filter((name) => name.endsWith('.yaml')).sort()) {
  for (const doc of parseAllDocuments(readFileSync(join(manifestDir, file), 'utf8'))) {
    if (doc.errors.length) { console.error(`${file}: YAML error ${doc.errors[0].message}`); failures++; continue; }
    const object = doc.toJS();
    if (!object) continue;
    try {
      const Model = await modelClass(object.apiVersion, object.kind);
      if (Model) { new Model(object).validate(); objects.push(object); }
      console.log(`ok   ${file}: ${object.kind}/${object.metadata?.name ?? ''}`);
    } catch (error) {
      console.error(`FAIL ${file}: ${object.kind}/${object.metadata?.name}: ${error.message}`);
      failures++;
    }
  }
}

const workloads = new Set(objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)).map((o) => o.metadata.name));
const podLabels = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)).map((o) => o.spec.template.metadata.labels);
for (const o of objects) {
  const target = o.kind === 'HorizontalPodAutoscaler' ? o.spec.scaleTargetRef.name
    : o.kind === 'ScaledObject' ? o.spec.scaleTargetRef.name : null;
  if (target && !workloads.has(target)) { console.error(`FAIL ${o.kind}/${o.metadata.name}: no workload ${target}`); failures++; }
  if (o.kind === 'Service') {
    const selector = o.spec.selector ?? {};
    const matches = podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels?.[k] === v));
    if (!matches) { console.error(`FAIL Service/${o.metadata.name}: selector matches no pod template`); failures++; }
  }
}

if (failures) { console.error(`${failures} problem(s)`); process.exit(1); }
console.log(`${objects.length} Kubernetes objects valid`);
