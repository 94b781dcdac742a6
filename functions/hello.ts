/**
 * The smallest handler: answers an API Gateway HTTP API request (payload 2.0) or a direct
 * invocation with a greeting. Try `npx lambkin invoke hello --event events/hello.json`.
 */
interface HelloEvent {
  pathParameters?: { name?: string };
  queryStringParameters?: { name?: string };
  name?: string;
}

let invocations = 0; // module scope survives between warm invocations, as on AWS

export const handler = async (event: HelloEvent, context: { awsRequestId: string; functionName: string }) => {
  invocations++;
  const name = event.pathParameters?.name ?? event.queryStringParameters?.name ?? event.name ?? 'world';
  console.log(`greeting ${name} (invocation ${invocations} of this environment)`);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${name}!`, requestId: context.awsRequestId }),
  };
};
