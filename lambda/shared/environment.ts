/** Reads the environment a construct configured; a missing variable is a deployment bug, named as such. */
export function environmentReader(functionName: string, env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => {
    const value = env[name];
    if (!value) throw new Error(`${functionName}: environment variable ${name} is not set`);
    return value;
  };
}
