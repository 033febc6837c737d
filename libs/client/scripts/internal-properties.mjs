/**
 * Which property names the build may shorten, worked out from the types instead of kept in a
 * list. esbuild renames a property name everywhere in the bundle at once, so a name qualifies
 * only when no code outside the package could ever read it under its real name:
 *
 * - it is declared as a member of an interface, type or class of the package's own source that
 *   is tagged `@internal`;
 * - no other declaration anywhere in the program has a member of that name: not the platform's
 *   (`lib.dom.d.ts`, `lib.es*.d.ts`), not a dependency's, not the contracts', and not a public
 *   declaration of the package itself;
 * - it appears in no string literal of the package's code (a computed access by name).
 *
 * New code cannot break this: a property it reads on a platform or dependency object is
 * declared there, which takes its name off the list; a new internal member joins the list only
 * when nothing else has its name.
 */
import { resolve } from 'node:path';
import ts from 'typescript';

/** Declarations of named members: what a property name can refer to. */
const MEMBER_KINDS = new Set([
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/** Whether `node` or a declaration around it carries the `@internal` tag. */
function isInternal(node) {
  for (let n = node; n; n = n.parent) {
    if (ts.getJSDocTags(n).some((tag) => tag.tagName.text == 'internal')) return true;
  }
  return false;
}

/**
 * @param {string} tsconfig - the package's tsconfig (its `include` is its source)
 * @returns {string[]} the property names safe to shorten, sorted
 */
export function internalProperties(tsconfig) {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const program = ts.createProgram(config.fileNames, config.options);
  // Binding sets the parent links that the tag lookup walks.
  program.getTypeChecker();
  const own = new Set(config.fileNames.map((file) => resolve(file)));
  const internal = new Set();
  const elsewhere = new Set();
  const strings = new Set();
  for (const file of program.getSourceFiles()) {
    const mine = own.has(resolve(file.fileName));
    const visit = (node) => {
      if (mine && ts.isStringLiteralLike(node) && !ts.isLiteralTypeNode(node.parent)) strings.add(node.text);
      // Members of object literals are values that get renamed, not declarations that decide.
      if (MEMBER_KINDS.has(node.kind) && !ts.isObjectLiteralExpression(node.parent) && node.name && !ts.isComputedPropertyName(node.name)) {
        (mine && isInternal(node) ? internal : elsewhere).add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return [...internal].filter((name) => !elsewhere.has(name) && !strings.has(name)).sort();
}
