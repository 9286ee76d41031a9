// "My decks": the instructor's saved decks, to edit, play, copy, export or delete, and a colleague's
// file to import. A bad file is refused by the server with the round and field at fault, and
// nothing is saved.
import { signal } from '@preact/signals';
import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
import { teacher } from '../../../shared/i18n/en/teacher';
import {
  decks,
  decksError,
  decksNotice,
  deleteDeck,
  duplicateDeck,
  exportDeck,
  importDeck,
  importProblem,
  loadDecks,
} from '../library';
import { useHostModel } from '../model';
import { go } from '../route';
import { AssignForm, assigning, openAssignForm } from './assign-form';
import { Card, LibraryLayout, when } from './library-layout';

const confirming = signal<string | null>(null);

export function DecksPage() {
  const { createError, playDeck } = useHostModel();
  useEffect(() => {
    void loadDecks();
  }, []);
  const list = decks.value;
  const problem = importProblem.value;
  return (
    <LibraryLayout title={teacher.myDecks}>
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => go({ page: 'deck', id: null })}>
          {teacher.newDeck}
        </button>
        <label class="file-button secondary">
          {teacher.importFile}
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void importDeck(file);
            }}
          />
        </label>
      </div>
      {problem && (
        <div class="import-error" role="alert">
          <p>
            <strong>{teacher.notImported}</strong> {problem.message}
          </p>
          {(problem.round !== undefined || problem.field) && (
            <p class="muted">
              {problem.round !== undefined && teacher.round(problem.round)}
              {problem.round !== undefined && problem.field && ', '}
              {problem.field && (
                <>
                  {teacher.field} <code>{problem.field}</code>
                </>
              )}
            </p>
          )}
        </div>
      )}
      <p class="live-note" role="status">
        {decksNotice.value ?? ''}
      </p>
      {(decksError.value || createError.value) && (
        <p class="error" role="alert">
          {decksError.value ?? createError.value}
        </p>
      )}
      {list === null ? (
        <p>{teacher.loadingDecks}</p>
      ) : list.length === 0 ? (
        <p>
          {teacher.noDecksBefore}
          <strong>{teacher.newDeck}</strong>
          {teacher.noDecksAfter}
        </p>
      ) : (
        <ul class="card-list deck-list">
          {list.map((d) => (
            <Fragment key={d.id}>
              <Card
                id={d.id}
                title={d.title}
                meta={
                  <>
                    {teacher.rounds(d.rounds)} · {teacher.changed(when(d.updatedAt))}
                  </>
                }
                confirming={confirming}
                deleteLabel={teacher.deleteNamed(d.title)}
                legend={teacher.deleteNamedAsk(d.title)}
                question={teacher.deleteDeck}
                onDelete={() => void deleteDeck(d.id)}
              >
                <button
                  type="button"
                  class="primary"
                  aria-label={teacher.playNamed(d.title)}
                  onClick={() => void playDeck(d.id)}
                >
                  {teacher.play}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={teacher.editNamed(d.title)}
                  onClick={() => go({ page: 'deck', id: d.id })}
                >
                  {teacher.edit}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={teacher.duplicateNamed(d.title)}
                  onClick={() => void duplicateDeck(d.id)}
                >
                  {teacher.duplicate}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={teacher.exportNamed(d.title)}
                  onClick={async () => {
                    const error = await exportDeck(d.id);
                    if (error) decksNotice.value = error;
                  }}
                >
                  {teacher.export}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={assigning.value === d.id}
                  onClick={() => openAssignForm(d.id)}
                >
                  {teacher.assign}
                  <span class="visually-hidden"> ({d.title})</span>
                </button>
              </Card>
              {assigning.value === d.id && (
                <li class="card assign-card">
                  <AssignForm deckId={d.id} title={d.title} />
                </li>
              )}
            </Fragment>
          ))}
        </ul>
      )}
    </LibraryLayout>
  );
}
