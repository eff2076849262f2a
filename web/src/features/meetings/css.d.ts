// Style sheets imported by the meeting screens; Vite bundles them.
declare module '*.css';
