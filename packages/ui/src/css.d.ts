// Stylesheets are side-effect imports, bundled by Vite in stories and tests.
declare module '*.css';
