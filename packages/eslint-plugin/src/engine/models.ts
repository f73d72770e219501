// Which model a call runs and what preprocessing it expects, from the evidence a reader would use, strongest
// first: user settings, a `@preprocess` JSDoc tag, the model's own model.json in the project (and files beside
// it), the load URL/path or tfjs-models package, then names (the variable, the class or component, the file).
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { ModelInfo, Value } from './domain.js';
import { EMPTY_ENV, type Env, type Evaluator } from './evaluator.js';
import type { FileContext } from './file-context.js';
import {
  recognizeFromIdentifier,
  recognizeFromJsDoc,
  recognizeFromLocation,
  recognizeFromSettings,
} from './model-families.js';
import { contractUnknown, findBesideModel, findModelJson, modelJsonInfo, readModelJson, soleTeachableMachineExport } from './model-json.js';
import { declarationStatement, isFunctionNode, leadingBlockComment, propertyName, unwrap, variableOf, type FunctionNode } from './scope.js';

export class ModelResolver {
  constructor(private readonly ev: Evaluator) {}

  loadedModel(urlNode: TSESTree.Node | undefined, file: FileContext, env: Env): Value {
    const location = urlNode ? this.locationText(urlNode, file, env) : undefined;
    if (!location) {
      const sole = soleTeachableMachineExport(file.filename);
      return sole ? { kind: 'model', info: sole } : { kind: 'model' };
    }
    const fromSettings = recognizeFromSettings(location, this.ev.settings.models);
    if (fromSettings) return { kind: 'model', info: fromSettings, location };
    // The model's own model.json in the project outranks any name.
    const modelJson = findModelJson(location, file.filename);
    const evidence = modelJson ? readModelJson(modelJson) : undefined;
    const fromModelJson = evidence ? modelJsonInfo(evidence) : undefined;
    if (fromModelJson) return { kind: 'model', info: fromModelJson, location };
    // No model.json in the project, but the export's metadata.json is (Teachable Machine).
    const beside = modelJson ? undefined : findBesideModel(location, file.filename);
    if (beside) return { kind: 'model', info: beside, location };
    // Its own input layers preprocess, or its training code shows no preprocessing: no name (vgg19/, "VGG")
    // says what reaches it from outside.
    if (evidence && contractUnknown(evidence)) return { kind: 'model', notKeras: true, location };
    const recognized = recognizeFromLocation(location);
    if (recognized?.kind === 'notKeras') return { kind: 'model', notKeras: true, location };
    return recognized ? { kind: 'model', info: recognized.info, location } : { kind: 'model', location };
  }

  /** The static text of a model URL/path: consts, templates with dynamic parts, `tf.io.fileSystem(path)`, `path.join(...)`. */
  locationText(node: TSESTree.Node, file: FileContext, env: Env, depth = 0): string | undefined {
    if (depth > 4) return undefined;
    const inner = unwrap(node);
    const known = this.ev.staticValue(inner, file);
    if (typeof known === 'string') return known;
    if (inner.type === 'TemplateLiteral') {
      return inner.quasis.map((q, i) => q.value.cooked + (inner.expressions[i] ? this.locationText(inner.expressions[i] as TSESTree.Node, file, env, depth + 1) ?? '/' : '')).join('');
    }
    // `cached ? cachedUrl : MODEL_URL`: a side that names no model (a cache copy, a user path) does not veto the
    // side that does; two sides naming different families leave the location unknown.
    if (inner.type === 'ConditionalExpression' || (inner.type === 'LogicalExpression' && inner.operator !== '&&')) {
      const sides = (inner.type === 'ConditionalExpression' ? [inner.consequent, inner.alternate] : [inner.left, inner.right]).map((n) =>
        this.locationText(n, file, env, depth + 1),
      );
      const named = sides.filter((t): t is string => t !== undefined && recognizeFromLocation(t) !== undefined);
      const families = new Set(named.map((t) => JSON.stringify(recognizeFromLocation(t))));
      if (families.size === 1) return named[0];
      return families.size === 0 ? sides.find((t) => t !== undefined) : undefined;
    }
    if (inner.type === 'BinaryExpression' && inner.operator === '+') {
      return (this.locationText(inner.left, file, env, depth + 1) ?? '/') + (this.locationText(inner.right, file, env, depth + 1) ?? '/');
    }
    if (inner.type === 'CallExpression') {
      // path.join(dir, 'vgg16', 'model.json'), tf.io.fileSystem(p), new URL(...)
      const parts = inner.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : this.locationText(a, file, env, depth + 1)));
      // bundleResourceIO(require('./model.json'), require('./weights.bin')): the model description names the model
      const files = parts.filter((p): p is string => typeof p === 'string' && /\.[a-z0-9]+$/i.test(p));
      const description = files.length > 1 ? files.find((p) => /\.json$/i.test(p)) : undefined;
      if (description) return description;
      const text = parts.filter((p): p is string => typeof p === 'string').join('/');
      return text || undefined;
    }
    if (inner.type === 'Identifier') {
      const variable = variableOf(file, inner);
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && def.node.id === def.name) {
        return this.locationText(def.node.init, file, env, depth + 1);
      }
      if (def?.type === 'Parameter' && isFunctionNode(def.node as TSESTree.Node)) {
        const fn = def.node as FunctionNode;
        const index = fn.params.findIndex((p) => (p.type === 'AssignmentPattern' ? p.left : p) === def.name);
        const passed = index >= 0 ? this.ev.classes.constructorArguments(fn, index, file) : undefined;
        const texts = passed?.map((a) => this.locationText(a, file, EMPTY_ENV, depth + 1));
        if (texts && texts.every((t) => t !== undefined && t === texts[0])) return texts[0];
        // A default value: `constructor(url = 'models/vgg16/model.json')`
        const param = fn.params[index];
        if (param?.type === 'AssignmentPattern') return this.locationText(param.right, file, env, depth + 1);
      }
      // `const { MODEL_PATH } = require('../config')`
      const required = def?.type === 'Variable' && def.node.type === 'VariableDeclarator' ? this.ev.requireTarget(def.node, def.name as TSESTree.Identifier, file) : undefined;
      const requiredDecl = required?.kind === 'identifier' ? required.id.parent : undefined;
      if (required && requiredDecl?.type === 'VariableDeclarator' && requiredDecl.init) return this.locationText(requiredDecl.init, required.file, EMPTY_ENV, depth + 1);
      // `import modelJson from '../model/model.json'` (bundlers): the file is the location
      if (def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration' && /\.json$/i.test(def.parent.source.value)) {
        return def.parent.source.value;
      }
      if (def?.type === 'ImportBinding') {
        const target = this.ev.importDefinitionTarget(def, file);
        const decl = target?.kind === 'identifier' ? target.id.parent : undefined;
        if (target && decl?.type === 'VariableDeclarator' && decl.init) return this.locationText(decl.init, target.file, EMPTY_ENV, depth + 1);
      }
    }
    if (inner.type === 'MemberExpression' && inner.object.type === 'ThisExpression') {
      // this.modelUrl: a class field initializer, or the one `this.modelUrl = ...` of the class (in the constructor)
      const name = propertyName(inner);
      const body = this.ev.classes.enclosingClass(inner);
      const field = body?.body.find(
        (m) => m.type === 'PropertyDefinition' && !m.computed && m.key.type === 'Identifier' && m.key.name === name,
      );
      if (field?.type === 'PropertyDefinition' && field.value) return this.locationText(field.value, file, env, depth + 1);
      const assignments = body && name ? (this.ev.classes.thisAssignments(body, file).get(name) ?? []) : [];
      return assignments.length === 1 ? this.locationText((assignments[0] as TSESTree.AssignmentExpression).right, file, env, depth + 1) : undefined;
    }
    if (inner.type === 'MemberExpression') {
      const object = inner.object.type === 'Identifier' ? variableOf(file, inner.object)?.defs[0] : undefined;
      const name = propertyName(inner);
      if (object?.type === 'Variable' && object.node.type === 'VariableDeclarator' && object.node.init?.type === 'ObjectExpression' && name) {
        const prop = object.node.init.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === name);
        if (prop?.type === 'Property') return this.locationText(prop.value, file, env, depth + 1);
      }
    }
    return undefined;
  }

  /**
   * The model an expression (the receiver of `.predict`) holds, with its expected preprocessing.
   * Evidence, strongest first: user settings, a `@preprocess` JSDoc tag, the load URL/path or tfjs-models package,
   * then the variable/property name.
   */
  modelOf(node: TSESTree.Node, file: FileContext, env: Env): ModelInfo | undefined {
    const inner = unwrap(node);
    const evaluated = this.ev.evaluate(inner, file, env);
    // A parameter of unknown origin evaluates to opaque pixels; for a receiver that only means "unknown".
    const unknownParameter = evaluated?.kind === 'pixels' && evaluated.range === 'opaque' && evaluated.steps.length === 0;
    if (evaluated && evaluated.kind !== 'model' && !unknownParameter) return undefined;
    const value = evaluated?.kind === 'model' ? evaluated : undefined;
    const name = this.nameOf(inner);
    const texts = [value?.location, name].filter((t): t is string => !!t);
    for (const text of texts) {
      const fromSettings = recognizeFromSettings(text, this.ev.settings.models);
      if (fromSettings) return fromSettings;
    }
    const tagged = this.jsDocMode(inner, file);
    if (tagged) return tagged;
    if (value?.info) return value.info;
    if (value?.notKeras) return undefined;
    if (!name) return undefined;
    const recognized = recognizeFromIdentifier(name);
    if (recognized?.kind === 'family') return recognized.info;
    if (recognized?.kind === 'notKeras') return undefined;
    const fromContainer = this.familyFromContainer(inner, file);
    if (fromContainer) return fromContainer;
    // A model handed over from elsewhere (a React prop, an argument) with no load URL in sight.
    return value?.location ? undefined : soleTeachableMachineExport(file.filename);
  }

  /**
   * A model whose own name says nothing (`this.model`, `model`) is named by what holds it: the class or
   * component around the call (`class EfficientNetModel`, `function Vgg16Classifier()`), else the file
   * (`vgg16-classifier.js`). A reader takes these names as the model's; so does the engine.
   */
  familyFromContainer(receiver: TSESTree.Node, file: FileContext): ModelInfo | undefined {
    // `fn.apply(...)` / `fn.call(...)`: a function, not a model.
    const method = receiver.parent?.type === 'MemberExpression' ? propertyName(receiver.parent) : undefined;
    if (method === 'apply' || method === 'call') return undefined;
    for (let current = receiver.parent; current; current = current.parent) {
      let name: string | undefined;
      if ((current.type === 'ClassDeclaration' || current.type === 'ClassExpression') && current.id) name = current.id.name;
      else if (current.type === 'FunctionDeclaration' && current.id && /^[A-Z]/.test(current.id.name)) name = current.id.name;
      else if (current.type === 'VariableDeclarator' && current.id.type === 'Identifier' && /^[A-Z]/.test(current.id.name) && isFunctionNode(current.init ?? undefined)) {
        name = current.id.name;
      }
      if (!name) continue;
      const recognized = recognizeFromIdentifier(name);
      if (recognized?.kind === 'family') return recognized.info;
      if (recognized?.kind === 'notKeras') return undefined;
    }
    const base = path.basename(file.filename).replace(/\.[^.]*$/, '');
    const recognized = recognizeFromIdentifier(base.replace(/[-.]/g, '_'));
    return recognized?.kind === 'family' ? recognized.info : undefined;
  }

  nameOf(node: TSESTree.Node): string | undefined {
    if (node.type === 'Identifier') return node.name;
    if (node.type === 'MemberExpression') return propertyName(node);
    return undefined;
  }

  jsDocMode(node: TSESTree.Node, file: FileContext): ModelInfo | undefined {
    const declarations: TSESTree.Node[] = [];
    if (node.type === 'Identifier') {
      const variable = variableOf(file, node);
      for (const def of variable?.defs ?? []) declarations.push(def.node);
    } else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
      const name = propertyName(node);
      const body = this.ev.classes.enclosingClass(node);
      if (body && name) {
        for (const member of body.body) {
          if (member.type === 'PropertyDefinition' && member.key.type === 'Identifier' && member.key.name === name) declarations.push(member);
        }
        declarations.push(...(this.ev.classes.thisAssignments(body, file).get(name) ?? []));
      }
    }
    for (const declaration of declarations) {
      const comment = leadingBlockComment(file, declarationStatement(declaration));
      const info = comment ? recognizeFromJsDoc(comment.value) : undefined;
      if (info) return info;
    }
    return undefined;
  }
}
