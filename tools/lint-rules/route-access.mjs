// Every gateway route declares who may call it: one of the access decorators on the handler (or
// its controller), or it is refused by lint. The AccessGuard also fails closed at run time.
const HTTP_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
const ACCESS = new Set(['Public', 'Authenticated', 'PlatformOperatorOnly', 'TenantRoles']);

const decoratorName = (decorator) => {
  const expression = decorator.expression;
  if (expression.type === 'CallExpression' && expression.callee.type === 'Identifier')
    return expression.callee.name;
  if (expression.type === 'Identifier') return expression.name;
  return undefined;
};

export const routeAccessRule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'every HTTP route declares its access (Public, Authenticated, PlatformOperatorOnly, TenantRoles)',
    },
    messages: {
      missing:
        'route {{name}} declares no access: add @Public(), @Authenticated(), @PlatformOperatorOnly() or @TenantRoles([...])',
    },
    schema: [],
  },
  create(context) {
    return {
      MethodDefinition(node) {
        const decorators = (node.decorators ?? []).map(decoratorName);
        if (!decorators.some((d) => HTTP_METHODS.has(d))) return;
        const classDecorators = (node.parent.parent.decorators ?? []).map(decoratorName);
        if ([...decorators, ...classDecorators].some((d) => ACCESS.has(d))) return;
        context.report({ node: node.key, messageId: 'missing', data: { name: node.key.name ?? '?' } });
      },
    };
  },
};

export default { rules: { 'route-access': routeAccessRule } };
