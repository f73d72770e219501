// Classes as real code uses them: fields set in the constructor or any method (`this.model = ...`), class-field
// arrow functions, `new C(...)` arguments bound to constructor parameters, and `this` inside a library callback.
import type { TSESTree } from '@typescript-eslint/utils';
import { joinValues, type Value } from './domain.js';
import type { Env, Evaluator } from './evaluator.js';
import { walk, type FileContext } from './file-context.js';
import { jimpImage, SCAN_METHODS } from './libraries/jimp.js';
import { isFunctionNode, propertyName, variableOf, type FunctionNode } from './scope.js';

export class ClassMembers {
  private readonly index = new Map<TSESTree.ClassBody, Map<string, TSESTree.AssignmentExpression[]>>();

  constructor(private readonly ev: Evaluator) {}

  /** The body of the class an identifier names, when the class is declared in `file`. */
  localClass(id: TSESTree.Identifier, file: FileContext): TSESTree.ClassBody | undefined {
    const def = variableOf(file, id)?.defs[0];
    if (def?.type === 'ClassName' && (def.node.type === 'ClassDeclaration' || def.node.type === 'ClassExpression')) return def.node.body;
    if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init?.type === 'ClassExpression') return def.node.init.body;
    return undefined;
  }

  /** The argument expressions `new C(...)` calls in the class's file pass to parameter `index` of C's constructor. */
  constructorArguments(ctor: FunctionNode, index: number, file: FileContext): TSESTree.Node[] | undefined {
    const method = ctor.parent;
    if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return undefined;
    const klass = method.parent?.parent;
    const name = klass && (klass.type === 'ClassDeclaration' || klass.type === 'ClassExpression') ? klass.id?.name : undefined;
    if (!name) return undefined;
    const found: TSESTree.Node[] = [];
    walk(file, file.ast, (n) => {
      if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === name) {
        const arg = n.arguments[index];
        if (arg && arg.type !== 'SpreadElement') found.push(arg);
      }
    });
    return found.length > 0 && found.length <= 3 ? found : undefined;
  }

  enclosingClass(node: TSESTree.Node): TSESTree.ClassBody | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === 'ClassBody') return current;
    }
    return undefined;
  }

  /** `this.model`: joined over the class's field initializer and every `this.model = ...` in its methods (placeholders left out). */
  classFieldValue(node: TSESTree.MemberExpression, name: string, file: FileContext, env: Env): Value | undefined {
    const body = this.enclosingClass(node);
    if (!body) return undefined;
    const sources: TSESTree.Node[] = [];
    for (const member of body.body) {
      if (member.type === 'PropertyDefinition' && !member.computed && member.key.type === 'Identifier' && member.key.name === name && member.value) {
        sources.push(member.value);
      }
    }
    for (const assignment of this.thisAssignments(body, file).get(name) ?? []) sources.push(assignment.right);
    // `this.model = null` in the constructor is a placeholder, not a value that reaches a call.
    const placeholder = (n: TSESTree.Node) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
    const real = sources.filter((n) => !placeholder(n));
    if (real.length === 0 || real.length > 3) return undefined;
    return real.map((s) => this.ev.evaluate(s, file, env)).reduce((a, b) => joinValues(a, b));
  }

  /** `this.<name> = value` assignments of a class, indexed once per class. */
  thisAssignments(body: TSESTree.ClassBody, file: FileContext): Map<string, TSESTree.AssignmentExpression[]> {
    let index = this.index.get(body);
    if (!index) {
      const built = new Map<string, TSESTree.AssignmentExpression[]>();
      walk(file, body, (n) => {
        if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'MemberExpression' && n.left.object.type === 'ThisExpression') {
          const name = propertyName(n.left);
          if (name) built.set(name, [...(built.get(name) ?? []), n]);
        }
      });
      this.index.set(body, (index = built));
    }
    return index;
  }

  /**
   * `this` inside a plain function passed to an image library's scan method (`image.scan(0, 0, w, h, function
   * (x, y, idx) { this.bitmap.data[idx] })`): the image. A receiver the engine cannot see (a parameter) is taken
   * for a Jimp image too, since the five-argument scan with a callback is Jimp's signature.
   */
  callbackThis(node: TSESTree.ThisExpression, file: FileContext, env: Env): Value | undefined {
    let fn: TSESTree.Node | undefined = node.parent;
    while (fn && !(isFunctionNode(fn) && fn.type !== 'ArrowFunctionExpression')) fn = fn.parent;
    const call = fn?.parent;
    if (!fn || call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
    if (!SCAN_METHODS.has(propertyName(call.callee) ?? '') || call.arguments[call.arguments.length - 1] !== fn) return undefined;
    const receiver = this.ev.evaluate(call.callee.object, file, env);
    if (receiver?.kind === 'image') return receiver;
    return receiver === undefined || (receiver.kind === 'pixels' && receiver.range === 'opaque') ? jimpImage() : undefined;
  }
}
