/**
 * The fake "secret recovery phrase" of a wallet: 12 words drawn with a CSPRNG from the 256 below (96
 * bits). It only looks like a crypto wallet's seed phrase; it is a stand-in for something sensitive that
 * deserves step-up before it is shown.
 *
 * 256 is a power of two, so every word is exactly 8 bits. server/words.test.ts fails when the list, this
 * comment and the README disagree, or when a word repeats.
 */
import { randomInt } from 'node:crypto';

const WORDS: readonly string[] = `
  acorn actor adult agent alarm album alert alley amber anchor angle ankle apple april arena armor arrow
  artist atlas attic audio august autumn avenue awake bacon badge bagel baker bamboo banana banner barrel
  basket beach beacon beaver berry bicycle bison blanket blossom border bottle bracket branch bread breeze
  brick bridge bronze brush bubble bucket buffalo butter button cabin cactus camel camera candle canyon
  carbon carpet castle cattle cedar cellar cement cherry chess chimney cinema circle citrus clay cliff
  clock cloud clover coast cobalt coconut coffee comet copper coral cotton cousin crane crater crayon
  cricket crystal cupboard curtain cushion dairy daisy dance delta desert diamond dinner dolphin donkey
  dragon drawer dream eagle earth echo elbow ember emerald engine falcon fabric feather fence fiber fiddle
  finger forest fossil fountain fox galaxy garden garlic ginger giraffe glacier globe glove granite grape
  gravel guitar habit hammer harbor harvest hazel helmet heron hockey honey horizon hotel island ivory
  jacket jaguar jelly jewel jigsaw jungle kayak kernel kettle kitten ladder lagoon lantern laptop lemon
  lens letter lily linen lizard lobster locket lunar magnet mango maple marble meadow melody mercury
  meteor mirror mitten monkey mosaic motor mountain muffin museum napkin nectar needle nickel noodle
  nutmeg oasis ocean olive onion orange orbit orchid otter oyster paddle palace panda paper parrot pastel
  peach peanut pebble pencil pepper piano pillow pilot planet plaster pocket pony poppy potato prairie
  puzzle quartz quiver rabbit radar raisin rocket saddle salmon sandal satin scarf shadow shell silver
  sketch socket spider spruce squirrel statue summit sunset swan tablet teapot thunder tiger
`
  .trim()
  .split(/\s+/);

export const RECOVERY_PHRASE_WORDS = 12;

export function randomRecoveryPhrase(): string {
  return Array.from({ length: RECOVERY_PHRASE_WORDS }, () => WORDS[randomInt(WORDS.length)]).join(' ');
}

export const WORD_LIST: readonly string[] = WORDS;
