// Validates the manifests of deploy/k8s against the JSON schemas of Kubernetes (kubernetes-models) and KEDA
// (@kubernetes-models/keda), offline. Fails on an unknown kind, a schema violation, a YAML file no kustomization
// lists, or a broken reference (checks.mjs).
//
// Two passes: every manifest file the kustomizations list (deploy/k8s/kustomization.yaml and the folders it names,
// recursively), and then what `kubectl kustomize deploy/k8s` renders, which is what `kubectl apply -k` applies: the
// per-model objects of models/<name>/ exist only there (patches of model/). Without a kubectl the second pass cannot
// run and the validator says so (exit 0: the files are still checked).
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments, parse } from 'yaml';
import { crossReferences, perModelQueues } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = join(here, '..');

async function modelClass(apiVersion, kind) {
  if (apiVersion?.startsWith('kustomize.config.k8s.io/')) return null;
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

let failures = 0;
const fail = (message) => { console.error(`FAIL ${message}`); failures++; };

/** Schema-validates the documents of one YAML text; returns the Kubernetes objects. */
async function validateText(text, origin) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) { fail(`${origin}: YAML error ${doc.errors[0].message}`); continue; }
    const object = doc.toJS();
    if (!object) continue;
    try {
      const Model = await modelClass(object.apiVersion, object.kind);
      if (Model) { new Model(object).validate(); objects.push(object); }
      console.log(`ok   ${origin}: ${object.kind}/${object.metadata?.name ?? ''}`);
    } catch (error) {
      fail(`${origin}: ${object.kind}/${object.metadata?.name}: ${error.message}`);
    }
  }
  return objects;
}

/** The manifest files a kustomization folder lists, its sub-folders' included (patches live inside the files). */
function listedFiles(folder, seen = new Set()) {
  const kustomization = join(folder, 'kustomization.yaml');
  if (!existsSync(kustomization)) { fail(`${relative(manifestDir, folder)}: no kustomization.yaml`); return []; }
  seen.add(kustomization);
  const files = [];
  for (const entry of parse(readFileSync(kustomization, 'utf8')).resources ?? []) {
    const path = join(folder, entry);
    if (!existsSync(path)) { fail(`${relative(manifestDir, kustomization)}: lists ${entry}, which does not exist`); continue; }
    if (statSync(path).isDirectory()) {
      if (!seen.has(join(path, 'kustomization.yaml'))) files.push(...listedFiles(path, seen));
    } else if (!files.includes(path)) {
      files.push(path);
    }
  }
  return files;
}

// --- pass 1: the files --------------------------------------------------------------------------------------------
const files = [...new Set(listedFiles(manifestDir))];
const fileObjects = [];
for (const file of files) fileObjects.push(...await validateText(readFileSync(file, 'utf8'), relative(manifestDir, file)));
const tracked = spawnSync('git', ['ls-files', '--', '*.yaml'], { cwd: manifestDir, encoding: 'utf8' });
for (const file of (tracked.stdout ?? '').split('\n').filter(Boolean)) {
  const path = join(manifestDir, file);
  if (!file.endsWith('kustomization.yaml') && !file.startsWith('validator/') && !files.includes(path)) {
    fail(`${file}: no kustomization lists it, so \`kubectl apply -k\` would not apply it`);
  }
}
failures += crossReferences(fileObjects, 'files');

// --- pass 2: what kubectl kustomize renders ----------------------------------------------------------------------
const rendered = spawnSync('kubectl', ['kustomize', manifestDir], { encoding: 'utf8', maxBuffer: 16 << 20 });
let renderedCount = 0;
if (rendered.error) {
  console.log(`note: no kubectl (${rendered.error.code}): the rendered output (models/<name>/ overlays) is not checked`);
} else if (rendered.status !== 0) {
  fail(`kubectl kustomize deploy/k8s: ${rendered.stderr.trim()}`);
} else {
  const objects = await validateText(rendered.stdout, 'rendered');
  renderedCount = objects.length;
  failures += crossReferences(objects, 'rendered');
  failures += perModelQueues(objects);
}

if (failures) { console.error(`${failures} problem(s)`); process.exit(1); }
console.log(`${fileObjects.length} Kubernetes objects in ${files.length} files valid`
  + (renderedCount ? `; ${renderedCount} rendered objects valid, one job list per model` : ''));
