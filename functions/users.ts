/**
 * An API Gateway example: `GET /users/{id}` (HTTP API, payload 2.0) answers with a user, or
 * API Gateway's 404 shape when there is none. Module-scope data stays warm between calls.
 */
interface HttpApiEvent {
  routeKey: string;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

const users = new Map([
  ['1', { id: '1', name: 'Ada Lovelace' }],
  ['2', { id: '2', name: 'Grace Hopper' }],
]);

export const handler = async (event: HttpApiEvent) => {
  const id = event.pathParameters?.['id'];
  const user = id === undefined ? undefined : users.get(id);
  if (!user) {
    return { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `no user ${id}` }) };
  }
  // A plain object is sent by HTTP API as 200 application/json.
  return user;
};
