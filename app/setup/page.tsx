// Shown instead of the console while no user exists: how to create the first admin.
import { SETUP_INSTRUCTIONS } from "@/lib/setup-instructions";

export const dynamic = "force-dynamic";

export default function SetupPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-4 p-8">
      <h1 className="text-xl font-semibold">Redrive needs its first user</h1>
      <p className="text-sm leading-6 text-gray-700 dark:text-gray-300">{SETUP_INSTRUCTIONS}</p>
    </main>
  );
}
