// What the console says, once in the log and on every page, while no user exists.
export const SETUP_INSTRUCTIONS =
  "Redrive has no users yet, so it serves nothing but this notice. Either set REDRIVE_ADMIN_PASSWORD (12 or more characters) " +
  'and restart to create the user "admin", or stop the server and run: npm run redrive -- user create --username NAME --role admin';
