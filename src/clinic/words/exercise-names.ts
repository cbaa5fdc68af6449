/**
 * The exercises of Myotrophy's own programmes (../programme/exercise-programme.ts), each with the
 * message key the patient's pages word it by in the patient's language. A stored programme keeps an
 * exercise's English name; a name a clinician wrote themselves has no key and is shown as written.
 * test/i18n-core-words.test.ts fails when a planned programme's exercise is missing here.
 */
export const EXERCISE_NAME_KEYS = {
  'Active range of motion, gravity eliminated if needed':
    'core.exercise.name.active-range-gravity-eliminated',
  'Active wrist and finger range of motion': 'core.exercise.name.active-wrist-finger-range',
  'Ankle pumps (active range of motion)': 'core.exercise.name.ankle-pumps',
  'Bridging, double leg': 'core.exercise.name.bridging-double-leg',
  'Elastic-band dorsiflexion (stronger band)': 'core.exercise.name.band-dorsiflexion-stronger',
  'Elastic-band dorsiflexion': 'core.exercise.name.band-dorsiflexion',
  'Elastic-band plantarflexion': 'core.exercise.name.band-plantarflexion',
  'Elastic-band resisted movement of the target muscle': 'core.exercise.name.band-resisted-movement',
  'Four-point kneeling arm/leg reach': 'core.exercise.name.four-point-kneeling-reach',
  'Free-weight resisted movement of the target muscle': 'core.exercise.name.free-weight-resisted-movement',
  'Gluteal sets (squeeze and hold)': 'core.exercise.name.gluteal-sets',
  'Inner-range quads (roll under the knee)': 'core.exercise.name.inner-range-quads',
  'Isometric holds against the other hand or a wall': 'core.exercise.name.isometric-holds',
  'Light-dumbbell or band wrist curls / extensions': 'core.exercise.name.wrist-curls-extensions',
  'Mini-squats': 'core.exercise.name.mini-squats',
  'Passive range of motion of the joints the muscle crosses': 'core.exercise.name.passive-range',
  'Prone back extension': 'core.exercise.name.prone-back-extension',
  'Putty or soft-ball grip': 'core.exercise.name.putty-grip',
  'Quadriceps sets (towel under the knee)': 'core.exercise.name.quadriceps-sets',
  'Seated heel raises': 'core.exercise.name.seated-heel-raises',
  'Single-leg bridge': 'core.exercise.name.single-leg-bridge',
  'Single-leg heel raises for endurance': 'core.exercise.name.single-leg-heel-raises-endurance',
  'Single-leg heel raises': 'core.exercise.name.single-leg-heel-raises',
  'Sit-to-stand': 'core.exercise.name.sit-to-stand',
  'Standing double-leg heel raises': 'core.exercise.name.standing-heel-raises',
  'Step-up': 'core.exercise.name.step-up',
  'Straight-leg raise': 'core.exercise.name.straight-leg-raise',
  'Supine bridging': 'core.exercise.name.supine-bridging',
  'Unilateral leg press from 110° knee flexion': 'core.exercise.name.unilateral-leg-press',
  'Wall mini-squat hold': 'core.exercise.name.wall-mini-squat-hold',
  'Arm muscle tightening inside the cast (hold)': 'core.exercise.name.arm-tightening-in-cast',
  'Calf and shin tightening inside the cast or boot (press the foot against it, hold)':
    'core.exercise.name.calf-shin-tightening-in-cast',
  'Elbow bends and straightening': 'core.exercise.name.elbow-bends',
  'Finger movements (make a fist, spread the fingers)': 'core.exercise.name.finger-movements',
  'Forearm muscle tightening inside the cast (hold)': 'core.exercise.name.forearm-tightening-in-cast',
  'Forearm muscle tightening inside the splint (hold)': 'core.exercise.name.forearm-tightening-in-splint',
  'Gentle abdominal bracing (tighten and hold)': 'core.exercise.name.abdominal-bracing',
  'Heel slides (bend and straighten the knee lying down)': 'core.exercise.name.heel-slides',
  'Quadriceps sets inside the cast or brace': 'core.exercise.name.quadriceps-sets-in-cast',
  'Shoulder raises and circles': 'core.exercise.name.shoulder-raises',
  'Side-lying hip abduction': 'core.exercise.name.side-lying-hip-abduction',
  'Wrist and finger movements': 'core.exercise.name.wrist-finger-movements',
} as const;
