'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryList } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { useCan } from '@/lib/session';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import { TeamCard } from './TeamCard';
import { formErrors, TeamForm } from './TeamForm';
import settings from './settings.module.css';
import styles from './teams.module.css';

function CreateTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A new key after each success empties the form.
  const [formKey, setFormKey] = useState(0);
  const create = useMutation(
    trpc.teams.create.mutationOptions({
      onSuccess: () => {
        setFormKey((key) => key + 1);
        void queryClient.invalidateQueries(trpc.teams.list.queryFilter());
        void queryClient.invalidateQueries(trpc.teams.names.queryFilter());
      },
    }),
  );
  return (
    <section className={settings.card} aria-labelledby="create-team-title">
      <h2 id="create-team-title" className={settings.cardTitle}>
        Create a team
      </h2>
      <TeamForm key={formKey} submitLabel="Create team" pending={create.isPending} errors={formErrors(create.error)} onSubmit={(fields) => create.mutate(fields)} testId="team-form" />
    </section>
  );
}

function Teams() {
  const trpc = useTRPC();
  const canManage = useCan('teams:manage');
  // Presence and queue counts: pushed by live updates, polled while they are down.
  const teams = useQuery({ ...trpc.teams.list.queryOptions(), refetchInterval: useLiveRefetchInterval(15_000) });
  const people = useQuery(trpc.users.list.queryOptions());
  return (
    <>
      {canManage ? <CreateTeam /> : null}
      <h2 className={settings.sectionTitle}>Teams{teams.data ? ` · ${teams.data.length}` : ''}</h2>
      <QueryList
        query={teams}
        noun="teams"
        empty={{ icon: 'users', title: 'No teams yet', testId: 'teams-empty', text: 'A team is a queue that handoffs name: create one, add the people who work it, then pick it in a flow’s Hand off step.' }}
      >
        {(items) => (
          <ul className={styles.teams} data-testid="teams">
            {items.map((team) => (
              <TeamCard key={team.id} team={team} people={people.data ?? []} canManage={canManage} />
            ))}
          </ul>
        )}
      </QueryList>
    </>
  );
}

/** Teams: the queues handoffs name, who works each one and how offers are distributed. Supervisors read; admins change. */
export function TeamsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Teams" subtitle="The queues your flows hand conversations to, and the people who work them." />
      <RequirePermission permission="teams:read">
        <Teams />
      </RequirePermission>
    </div>
  );
}
