#!/usr/bin/env bash
# Regenerates the shipped prompts and hold music: 8 kHz mono 16-bit PCM WAV, what the gateway plays.
# Run once when the wording changes and commit the WAVs with this script; nothing runs it at build time.
# Needs Debian's espeak-ng and sox:  apt-get install -y espeak-ng sox
set -euo pipefail
cd "$(dirname "$0")"

VOICE_EN=en-us
VOICE_ES=es-419
SPEED=150 # words per minute: unhurried, as an IVR should be

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# to_telephony IN OUT: resample to 8 kHz mono 16-bit, trim the synthesizer's leading and trailing
# silence, keep a short pad so concatenated parts ("you are caller number" + "three") sound natural,
# normalize to -3 dBFS. -D: no dither, so regenerating yields the same bytes.
to_telephony() {
  sox -D "$1" -r 8000 -c 1 -b 16 -e signed-integer "$2" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    pad 0.05 0.15 norm -3
}

# say NAME VOICE TEXT
say() {
  espeak-ng -v "$2" -s "$SPEED" -w "$work/$1.raw.wav" "$3"
  to_telephony "$work/$1.raw.wav" "$1.wav"
}

say welcome        "$VOICE_EN" "Thank you for calling. This call may be recorded for quality and training."
say invalid-choice "$VOICE_EN" "Sorry, that is not a valid choice. Please try again."
say enter-account  "$VOICE_EN" "Please enter your account number, followed by the hash key."
say thank-you      "$VOICE_EN" "Thank you."
say caller-number  "$VOICE_EN" "You are caller number"
say wait-time      "$VOICE_EN" "Your estimated wait time is"
say minutes        "$VOICE_EN" "minutes"
say less-than-one-minute "$VOICE_EN" "less than one minute"
say hundred        "$VOICE_EN" "hundred"
say thousand       "$VOICE_EN" "thousand"
say balance-is     "$VOICE_EN" "Your balance is"
say dollars        "$VOICE_EN" "dollars"
say cents          "$VOICE_EN" "cents"
say agents-busy    "$VOICE_EN" "All of our agents are busy. Please hold, and your call will be answered in the order it was received."
say goodbye        "$VOICE_EN" "Thank you for calling. Goodbye."
say queue-exit     "$VOICE_EN" "To leave a message and have us call you back, press 1. To keep holding, stay on the line."

# The main menu switches voice for its Spanish option, then the parts are joined.
espeak-ng -v "$VOICE_EN" -s "$SPEED" -w "$work/menu-en.wav" "For billing, press 1. For sales, press 2. For support, press 3."
espeak-ng -v "$VOICE_ES" -s "$SPEED" -w "$work/menu-es.wav" "Para español, oprima 4."
sox "$work/menu-en.wav" "$work/menu-es.wav" "$work/main-menu.raw.wav"
to_telephony "$work/main-menu.raw.wav" main-menu.wav

for n in $(seq 0 20) 30 40 50 60 70 80 90; do
  say "number-$n" "$VOICE_EN" "$n"
done

# Hold music: 20 s of plucked arpeggios over a soft sine pad, C - A minor - F - G twice, faded at both
# ends so the loop point is quiet.
note() { # note FILE SECONDS HZ GAIN_DB
  sox -D -n -r 8000 -c 1 -b 16 "$1" synth "$2" pluck "$3" fade 0 "$2" 0.08 gain "$4"
}
chords=("261.63 329.63 392.00 523.25" "220.00 261.63 329.63 440.00" "174.61 220.00 261.63 349.23" "196.00 246.94 293.66 392.00")
parts=()
i=0
for round in 1 2; do
  for chord in "${chords[@]}"; do
    read -r a b c d <<<"$chord"
    # eight notes of 0.3125 s make one 2.5 s bar
    for hz in "$a" "$b" "$c" "$d" "$c" "$b" "$a" "$b"; do
      note "$work/n$i.wav" 0.3125 "$hz" -14
      parts+=("$work/n$i.wav")
      i=$((i + 1))
    done
  done
done
sox "${parts[@]}" "$work/melody.wav"
pads=()
for round in 1 2; do
  for chord in "${chords[@]}"; do
    read -r a b c d <<<"$chord"
    low=$(awk "BEGIN { print $a / 2 }")
    sox -D -n -r 8000 -c 1 -b 16 "$work/pad$round-$a.wav" synth 2.5 sine "$low" sine "$b" remix 1,2 fade 0.3 2.5 0.3 gain -24
    pads+=("$work/pad$round-$a.wav")
  done
done
sox "${pads[@]}" "$work/pads.wav"
sox -D -m "$work/melody.wav" "$work/pads.wav" -r 8000 -c 1 -b 16 -e signed-integer hold-music.wav \
  lowpass 1800 reverb 40 fade 1 20 1.5 norm -6

# What the gateway requires of every prompt: 8000 Hz, one channel.
for f in *.wav; do
  rate=$(sox --i -r "$f")
  channels=$(sox --i -c "$f")
  if [ "$rate" != 8000 ] || [ "$channels" != 1 ]; then
    echo "$f: $rate Hz, $channels channels; expected 8000 Hz mono" >&2
    exit 1
  fi
done
du -ch ./*.wav | tail -1
