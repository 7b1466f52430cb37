// A real OpenID provider for the sign-in browser test: node-oidc-provider (certified), with
// its development login and consent pages. Env: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI,
// ACCOUNTS (JSON: account id -> claims). Prints "ready" when it listens on 127.0.0.1.
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const accounts = JSON.parse(process.env.ACCOUNTS);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name"],
  },
  cookies: { keys: ["portal-test-cookie-key"] },
  async findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
  },
});
provider.listen(port, "127.0.0.1", () => console.log("ready"));
