/** The tour of ds and the code of the guides; every snippet in docs/ comes from here. */
@NullMarked
package io.dstruct.docs;

import org.jspecify.annotations.NullMarked;
