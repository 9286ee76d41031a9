// The course's own worked example ("Learning Rate" lecture), copied from the course's
// lecture-dataset.json (outside this repository: in CI at ../shared/data beside the clone, where
// test/engine/lecture.test.ts checks this copy against it), so the engine needs no file access.
// Its facts were computed by the course; the engine's tests check its own numbers against them.

import type { Answer } from './types';

export interface LectureDataset {
  description: string;
  x: number[];
  y: number[];
  start: [number, number];
  facts: {
    /** Of H = XᵀX/m, ascending. */
    hessianEigenvalues: [number, number];
    /** 1/λ_max and 2/λ_max. */
    alphaZigzagFrom: number;
    alphaDivergeFrom: number;
    /** (θ₀, θ₁) from the normal equations. */
    thetaMin: [number, number];
    /** The three learning rates of the lecture's figure, from start (25, 0). */
    lectureAlphas: { alpha: number; outcome: Answer }[];
  };
}

export const LECTURE_DATASET: LectureDataset = {
  description:
    "The course's worked example for gradient descent on linear regression: 50 points, x = 10*U(0,1), y = 2 + 4x + 10*U(0,1), drawn with numpy's legacy RNG seeded with 0. Cost J(t0,t1) = 1/(2m) sum (t0 + t1*x - y)^2. The lecture starts at (25, 0).",
  x: [
    5.488135039273, 7.151893663724, 6.027633760716, 5.448831829969, 4.236547993389, 6.458941130667,
    4.375872112627, 8.917730007821, 9.63662760501, 3.834415188258, 7.917250380827, 5.288949197529,
    5.680445610939, 9.255966382927, 0.710360581979, 0.871292997015, 0.202183974403, 8.326198455479,
    7.781567509499, 8.700121482468, 9.786183422328, 7.991585642167, 4.614793622529, 7.805291762865,
    1.182744258689, 6.399210213275, 1.43353287409, 9.446689170496, 5.218483217501, 4.146619399905,
    2.645556121046, 7.742336894342, 4.561503322165, 5.684339488686, 0.187898004364, 6.176354970759,
    6.120957227224, 6.169339968748, 9.437480785146, 6.818202991035, 3.595079005738, 4.370319537993,
    6.976311959273, 0.602254716293, 6.667667154457, 6.706378696182, 2.103825610738, 1.289262976549,
    3.154283509242, 3.637107709426,
  ],
  y: [
    29.654507861272, 34.99358978952, 35.994273423458, 24.815775427356, 21.034959534505, 29.448859701516,
    26.034571705162, 40.203836056681, 45.209618148604, 19.781916673047, 35.258697359762, 24.259548201759,
    31.28507833841, 40.405695045193, 6.807265944716, 9.172423694671, 11.018668196092, 36.275806579848,
    41.505719112982, 37.761470008812, 50.909328339445, 38.652854585146, 30.226785372021, 39.269622248909,
    14.12361282874, 27.988718775644, 10.562201122126, 40.988722294115, 25.835334845224, 19.773754789163,
    15.762056278125, 37.111977522515, 20.88748825215, 31.662079148446, 8.41760655952, 29.35931479243,
    31.716309443564, 27.616764982575, 45.509388096147, 38.565773939901, 19.566005547465, 26.15538195161,
    31.223226461135, 11.572290906356, 31.564729547299, 30.657428404798, 16.280431791054, 7.358127368069,
    22.906534329141, 16.59538559963,
  ],
  start: [25, 0],
  facts: {
    hessianEigenvalues: [0.19951737012447024, 37.1539973111244],
    alphaZigzagFrom: 0.02691500437021851,
    alphaDivergeFrom: 0.05383000874043702,
    thetaMin: [6.580520907666916, 3.9062587362934416],
    lectureAlphas: [
      { alpha: 0.02, outcome: 'converges' },
      { alpha: 0.05, outcome: 'zigzag' },
      { alpha: 0.06, outcome: 'diverges' },
    ],
  },
};
