// Checks across objects, which no schema sees: references between them and the per-model queues (issue #18).

/** Whether a label selector (matchLabels and matchExpressions, or a plain map as a Service has) selects labels. */
export function selects(selector, labels = {}) {
  if (!selector) return false;
  const matchLabels = selector.matchLabels ?? (selector.matchExpressions ? {} : selector);
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In': return values.includes(labels[key]);
      case 'NotIn': return !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: return false;
    }
  });
}

const isWorkload = (o) => ['Deployment', 'StatefulSet'].includes(o.kind);

/**
 * Every Service, HPA and ScaledObject points at a workload that exists; no two Deployments select each other's pods;
 * every Deployment's pods have a PodDisruptionBudget. Returns the number of problems (printed).
 */
export function crossReferences(objects, where) {
  let problems = 0;
  const report = (message) => { console.error(`FAIL ${where}: ${message}`); problems++; };
  const workloads = objects.filter(isWorkload);
  const names = new Set(workloads.map((o) => o.metadata.name));
  for (const o of objects) {
    const target = ['HorizontalPodAutoscaler', 'ScaledObject'].includes(o.kind) ? o.spec.scaleTargetRef.name : null;
    if (target && !names.has(target)) report(`${o.kind}/${o.metadata.name}: no workload ${target}`);
    if (o.kind === 'Service' && !workloads.some((w) => selects(o.spec.selector ?? {}, w.spec.template.metadata.labels))) {
      report(`Service/${o.metadata.name}: selector matches no pod template`);
    }
    if (o.kind === 'PodDisruptionBudget' && !workloads.some((w) => selects(o.spec.selector, w.spec.template.metadata.labels))) {
      report(`PodDisruptionBudget/${o.metadata.name}: selector matches no pod template`);
    }
  }
  const deployments = workloads.filter((o) => o.kind === 'Deployment');
  const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
  for (const d of deployments) {
    for (const other of deployments) {
      if (other !== d && selects(d.spec.selector, other.spec.template.metadata.labels)) {
        report(`Deployment/${d.metadata.name}'s selector also selects the pods of Deployment/${other.metadata.name}`);
      }
    }
    if (!budgets.some((b) => selects(b.spec.selector, d.spec.template.metadata.labels))) {
      report(`Deployment/${d.metadata.name}: no PodDisruptionBudget covers its pods`);
    }
  }
  return problems;
}

/** The value of an env entry, literal or from a ConfigMap of the set. */
function envValue(objects, container, name) {
  const entry = (container.env ?? []).find((e) => e.name === name);
  if (!entry) return undefined;
  if (entry.value !== undefined) return entry.value;
  const ref = entry.valueFrom?.configMapKeyRef;
  const map = ref && objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.name);
  return map?.data?.[ref.key];
}

/**
 * The multi-model contract (issue #18), on the rendered objects: each model-worker Deployment (one with MODEL_NAME)
 * has a KEDA ScaledObject on its own model's job list (classifier:jobs for the default model, classifier:jobs:<name>
 * otherwise), no two Deployments serve one model, every model-worker's pods reach Redis through the NetworkPolicy,
 * and the api knows the same default model as the workers.
 */
export function perModelQueues(objects) {
  let problems = 0;
  const report = (message) => { console.error(`FAIL rendered: ${message}`); problems++; };
  const container = (d) => d.spec.template.spec.containers[0];
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const workers = deployments.filter((d) => envValue(objects, container(d), 'MODEL_NAME') !== undefined);
  if (workers.length === 0) report('no model-worker Deployment (none sets MODEL_NAME)');
  const api = deployments.find((d) => d.metadata.name === 'api');
  const defaultModel = api && envValue(objects, container(api), 'QUEUE_DEFAULT_MODEL');
  if (!defaultModel) report('Deployment/api sets no QUEUE_DEFAULT_MODEL');
  const scaled = objects.filter((o) => o.kind === 'ScaledObject');
  const served = new Map();
  const redisPolicy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'redis');
  for (const d of workers) {
    const name = d.metadata.name;
    const model = envValue(objects, container(d), 'MODEL_NAME');
    if (served.has(model)) report(`Deployment/${name} and Deployment/${served.get(model)} both serve ${model}`);
    served.set(model, name);
    const workerDefault = envValue(objects, container(d), 'QUEUE_DEFAULT_MODEL');
    if (workerDefault !== defaultModel) {
      report(`Deployment/${name}: QUEUE_DEFAULT_MODEL ${workerDefault}, the api's is ${defaultModel}`);
    }
    const expected = model === defaultModel ? 'classifier:jobs' : `classifier:jobs:${model}`;
    const lists = scaled.filter((s) => s.spec.scaleTargetRef.name === name)
      .flatMap((s) => s.spec.triggers.filter((t) => t.type === 'redis').map((t) => t.metadata.listName));
    if (lists.length !== 1 || lists[0] !== expected) {
      report(`Deployment/${name} serves ${model}: its ScaledObject should watch ${expected}, watches ${lists.join(', ') || 'nothing'}`);
    } else {
      console.log(`ok   rendered: ${model} served by Deployment/${name}, scaled on ${expected}`);
    }
    const labels = d.spec.template.metadata.labels;
    if (!redisPolicy?.spec.ingress.some((rule) => rule.from.some((peer) => selects(peer.podSelector, labels)))) {
      report(`Deployment/${name}: NetworkPolicy/redis admits none of its pods`);
    }
  }
  return problems;
}
