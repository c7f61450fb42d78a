'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import { SkillLevels } from './SkillLevels';
import { SkillRow } from './SkillRow';
import { formErrors } from './TeamForm';
import styles from './settings.module.css';
import teams from './teams.module.css';

function CreateSkill() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.skills.create.mutationOptions({
      onSuccess: () => {
        setName('');
        void queryClient.invalidateQueries(trpc.skills.list.queryFilter());
        void queryClient.invalidateQueries(trpc.skills.names.queryFilter());
      },
    }),
  );
  const errors = formErrors(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  }
  return (
    <section className={styles.card} aria-labelledby="create-skill-title">
      <h2 id="create-skill-title" className={styles.cardTitle}>
        Add a skill
      </h2>
      <form className={styles.formRow} onSubmit={submit} data-testid="skill-form">
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input
            id={nameId}
            className="input"
            required
            maxLength={40}
            placeholder="german"
            value={name}
            aria-invalid={errors.name || errors.form ? true : undefined}
            onChange={(event) => {
              setName(event.target.value);
              create.reset();
            }}
            data-testid="skill-name"
          />
          <p className={errors.name || errors.form ? 'field-error' : 'field-help'}>{errors.name ?? errors.form ?? 'A language, product or topic a handoff may require (no commas).'}</p>
        </div>
        <div className={styles.formButtons}>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()} data-testid="skill-form-submit">
            <Icon name="plus" size={14} />
            Add skill
          </button>
        </div>
      </form>
    </section>
  );
}

function Skills() {
  const trpc = useTRPC();
  const canManage = useCan('teams:manage');
  const skills = useQuery(trpc.skills.list.queryOptions());
  const people = useQuery(trpc.users.list.queryOptions());
  if (skills.isPending) return <LoadingState label="Loading skills…" />;
  if (skills.isError) return <ErrorState error={skills.error} title="Could not load skills" onRetry={() => void skills.refetch()} />;
  return (
    <>
      {canManage ? <CreateSkill /> : null}
      <h2 className={styles.sectionTitle}>Skills · {skills.data.length}</h2>
      {skills.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="star" title="No skills yet" testId="skills-empty">
            Skills let a handoff prefer the right person: a language, a product, billing.
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className={styles.list} data-testid="skills">
            {skills.data.map((skill) => (
              <SkillRow key={skill.id} skill={skill} canManage={canManage} />
            ))}
          </ul>
          <h2 className={styles.sectionTitle}>Levels by person</h2>
          <p className={teams.levelsHelp}>1 is basic, 5 is expert; – means none. Routing prefers people with the skills a handoff asks for, at the higher level.</p>
          {people.data ? <SkillLevels people={people.data} skills={skills.data} canManage={canManage} /> : <LoadingState label="Loading people…" />}
        </>
      )}
    </>
  );
}

/** Skills: what handoffs may require, and each person's level in each. Supervisors read; admins change. */
export function SkillsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Skills" subtitle="What a handoff may ask for, and who has it at which level." />
      <RequirePermission permission="teams:read">
        <Skills />
      </RequirePermission>
    </div>
  );
}
