// "My decks": the instructor's saved decks, to edit, play, copy, export or delete, and a colleague's
// file to import. A bad file is refused by the server with the round and field at fault, and
// nothing is saved.
import { signal } from '@preact/signals';
import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
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
    <LibraryLayout title="My decks">
      <div class="toolbar">
        <button type="button" class="primary" onClick={() => go({ page: 'deck', id: null })}>
          New deck
        </button>
        <label class="file-button secondary">
          Import a deck file…
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
            <strong>That file was not imported, and nothing was saved.</strong> {problem.message}
          </p>
          {(problem.round !== undefined || problem.field) && (
            <p class="muted">
              {problem.round !== undefined && <>Round {problem.round}</>}
              {problem.round !== undefined && problem.field && ', '}
              {problem.field && (
                <>
                  field <code>{problem.field}</code>
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
        <p>Loading your decks…</p>
      ) : list.length === 0 ? (
        <p>
          No decks yet. Make one with <strong>New deck</strong>, or import a file a colleague sent you.
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
                    {d.rounds} {d.rounds === 1 ? 'round' : 'rounds'} · changed {when(d.updatedAt)}
                  </>
                }
                confirming={confirming}
                deleteLabel={`Delete ${d.title}`}
                legend={`Delete ${d.title}?`}
                question="Delete this deck?"
                onDelete={() => void deleteDeck(d.id)}
              >
                <button
                  type="button"
                  class="primary"
                  aria-label={`Play ${d.title}`}
                  onClick={() => void playDeck(d.id)}
                >
                  Play
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Edit ${d.title}`}
                  onClick={() => go({ page: 'deck', id: d.id })}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Duplicate ${d.title}`}
                  onClick={() => void duplicateDeck(d.id)}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Export ${d.title}`}
                  onClick={async () => {
                    const error = await exportDeck(d.id);
                    if (error) decksNotice.value = error;
                  }}
                >
                  Export
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={assigning.value === d.id}
                  onClick={() => openAssignForm(d.id)}
                >
                  Assign as homework<span class="visually-hidden"> ({d.title})</span>
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
