'use client';
import { Direction } from 'radix-ui';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { en, type Messages, mergeMessages, type PartialMessages } from './i18n/index.js';

const MessagesContext = createContext<Messages>(en);

export interface MfaUiProviderProps {
  /**
   * The strings of every component below: a shipped set (`en`, `de`, `ar`) or a partial override of
   * English. To change a few strings of another language, pass `mergeMessages(de, { … })`.
   */
  messages?: Messages | PartialMessages;
  children?: ReactNode;
}

function isComplete(messages: Messages | PartialMessages): messages is Messages {
  return typeof messages.locale === 'string' && typeof messages.dir === 'string' && 'common' in messages;
}

/** Sets the language (and writing direction) of every mfa-kit component below it. */
export function MfaUiProvider({ messages, children }: MfaUiProviderProps) {
  const parent = useContext(MessagesContext);
  const value = useMemo(
    () => (messages ? (isComplete(messages) ? messages : mergeMessages(parent, messages)) : parent),
    [messages, parent],
  );
  return (
    <MessagesContext.Provider value={value}>
      <Direction.Provider dir={value.dir}>{children}</Direction.Provider>
    </MessagesContext.Provider>
  );
}

/** The messages in effect: the provider's, with a component's own `messages` prop merged on top. */
export function useMessages(override?: PartialMessages): Messages {
  const messages = useContext(MessagesContext);
  return useMemo(() => (override ? mergeMessages(messages, override) : messages), [messages, override]);
}
