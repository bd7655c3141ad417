import {
  createElement,
  createContext as createReactContext,
  type FunctionComponent,
  type ReactNode,
  useContext,
  useMemo,
} from 'react';

/**
 * A compound component's context, in one call (Radix's `createContext` from
 * packages/react/context/src/create-context.tsx, without its scopes and name keeping, which cost the
 * first bundle about 0.7 KB gzip):
 *
 * - `Provider` takes the value's fields as props and memoises over them, so a context value never needs
 *   a hand-kept dependency list: its fields are the list.
 * - `useX(part)` names the part and the missing parent: "<TotpSetup.Code> must be inside
 *   <TotpSetup.Root>".
 *
 * The fields must be the same keys in the same order on every render (they are props of one JSX
 * element), which is what makes `Object.values` a dependency list. Call it with `/* @__PURE__ *\/` at
 * module level, so a bundle that uses none of a component's parts drops its context too.
 */
export function createContext<Value extends object>(
  component: string,
  parent = 'Root',
): readonly [FunctionComponent<Value & { children?: ReactNode }>, (part: string) => Value] {
  const Context = createReactContext<Value | null>(null);
  // Names for React DevTools only; `process.env.NODE_ENV` is replaced by the app's bundler, as it is in
  // React and TanStack Query, so production bundles carry neither the strings nor the code.
  if (process.env.NODE_ENV !== 'production') Context.displayName = `${component}Context`;

  // biome-ignore lint/correctness/noComponentHookFactories: the factory runs once per component, at module level
  function Provider({ children, ...fields }: Value & { children?: ReactNode }) {
    // biome-ignore lint/correctness/useExhaustiveDependencies: the fields are the dependency list
    const value = useMemo(() => fields as Value, Object.values(fields));
    // React 19 renders a context as its own provider.
    return createElement(Context.Provider, { value }, children);
  }
  if (process.env.NODE_ENV !== 'production') Provider.displayName = `${component}.${parent}Provider`;

  // biome-ignore lint/correctness/noComponentHookFactories: the factory runs once per component, at module level
  function usePart(part: string): Value {
    const value = useContext(Context);
    if (!value) {
      // The sentence in development; production keeps the part's name (as CodeInput's RangeError does).
      throw new Error(
        process.env.NODE_ENV === 'production'
          ? `${component}.${part}`
          : `<${component}.${part}> must be inside <${component}.${parent}>`,
      );
    }
    return value;
  }
  return [Provider, usePart] as const;
}
