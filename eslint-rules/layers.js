// @ts-check
/**
 * Enforces the layer arrows of DESIGN.md §3: which folder may import which.
 * A file's layer comes from its path; an import's layer from where it resolves (relative
 * specifiers) or from its package name (bare specifiers, node builtins).
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const BUILTINS = new Set(builtinModules);

/** @param {string} spec */
function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0] ?? spec);
}

/** @param {string} spec */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/**
 * @param {string} rel path relative to the project root, with forward slashes
 * @returns {string | null}
 */
export function layerOf(rel) {
  if (rel.startsWith('src/domain/')) return 'domain';
  if (rel.startsWith('src/shell/')) return 'shell';
  if (rel === 'src/api/contract.ts') return 'contract';
  if (rel.startsWith('src/')) return 'core';
  if (rel.startsWith('renderer/src/')) return 'renderer';
  if (rel.startsWith('hardware/')) return 'hardware';
  return null;
}

/**
 * What each layer may import. `layers`: project layers; `builtins`: node:*; `packages`: npm packages
 * (true = any except those in `denyPackages`).
 * @type {Record<string, {layers: string[], builtins: boolean, packages: string[] | true, denyPackages?: string[]}>}
 */
export const RULES = {
  domain: { layers: ['domain'], builtins: false, packages: ['luxon'] },
  contract: { layers: [], builtins: false, packages: [] },
  core: { layers: ['domain', 'contract', 'core', 'hardware'], builtins: true, packages: true, denyPackages: ['electron', 'preact'] },
  shell: { layers: ['domain', 'contract', 'core', 'shell'], builtins: true, packages: true, denyPackages: ['preact'] },
  renderer: { layers: ['renderer', 'contract'], builtins: false, packages: ['preact', '@fontsource/inter', 'vite', 'uqr'] },
  hardware: { layers: ['domain', 'hardware'], builtins: true, packages: true, denyPackages: ['electron', 'preact', 'better-sqlite3'] },
};

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers of DESIGN.md §3 apart' },
    messages: {
      forbidden: '{{layer}} code may not import {{what}} ({{spec}}): {{why}}',
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    const rule = RULES[layer];
    if (!rule) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      /** @param {string} what @param {string} why */
      const report = (what, why) => context.report({ node, messageId: 'forbidden', data: { layer, what, spec: source, why } });
      if (source.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), source))
          .split(path.sep)
          .join('/')
          .replace(/\.js$/, '.ts');
        const targetLayer = layerOf(target) ?? layerOf(target.replace(/\.ts$/, '.tsx'));
        if (targetLayer === null) {
          report(`a file outside the layered folders`, 'product code imports only src/, renderer/ and hardware/');
        } else if (!rule.layers.includes(targetLayer)) {
          report(`the ${targetLayer} layer`, `allowed: ${rule.layers.join(', ') || 'nothing'}`);
        }
        return;
      }
      if (isNodeBuiltin(source)) {
        if (!rule.builtins) report('a Node built-in', `${layer} code does no I/O; pass what it needs in`);
        return;
      }
      const pkg = packageName(source);
      const allowed = rule.packages === true ? !(rule.denyPackages ?? []).includes(pkg) : rule.packages.includes(pkg);
      if (!allowed) report(`the package ${pkg}`, pkg === 'electron' ? 'only src/shell may import electron' : `not allowed in ${layer}`);
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
