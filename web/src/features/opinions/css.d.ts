// Style sheets imported by the opinions, stations and deputies screens; Vite bundles them.
declare module '*.css';
