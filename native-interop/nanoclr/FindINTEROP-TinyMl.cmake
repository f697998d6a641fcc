#
# Copyright (c) .NET Foundation and Contributors
# See LICENSE file in the project root for full license information.
#

########################################################################################
# make sure that a valid path is set bellow                                            #
# this is an Interop module so this file should be placed in the CMakes module folder  #
# usually CMake\Modules                                                                #
########################################################################################

# native code directory
set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/TinyMl)


# set include directories
list(APPEND TinyMl_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND TinyMl_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND TinyMl_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND TinyMl_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND TinyMl_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})


# source files
set(TinyMl_SRCS

    TinyMl.cpp


    TinyMl_TinyMl_AnomalyBaseline_mshl.cpp
    TinyMl_TinyMl_AnomalyBaseline.cpp
    TinyMl_TinyMl_AudioFrontend_mshl.cpp
    TinyMl_TinyMl_AudioFrontend.cpp
    TinyMl_TinyMl_Crc32_mshl.cpp
    TinyMl_TinyMl_Crc32.cpp
    TinyMl_TinyMl_HmacSha256_mshl.cpp
    TinyMl_TinyMl_HmacSha256.cpp
    TinyMl_TinyMl_Interpreter_mshl.cpp
    TinyMl_TinyMl_Interpreter.cpp
    TinyMl_TinyMl_Model_mshl.cpp
    TinyMl_TinyMl_Model.cpp
    TinyMl_TinyMl_Sha256_mshl.cpp
    TinyMl_TinyMl_Sha256.cpp
    TinyMl_TinyMl_VibrationFeatures_mshl.cpp
    TinyMl_TinyMl_VibrationFeatures.cpp

)

foreach(SRC_FILE ${TinyMl_SRCS})

    set(TinyMl_SRC_FILE SRC_FILE-NOTFOUND)

    find_file(TinyMl_SRC_FILE ${SRC_FILE}
        PATHS
	        ${BASE_PATH_FOR_THIS_MODULE}
	        ${TARGET_BASE_LOCATION}
            ${PROJECT_SOURCE_DIR}/src/TinyMl

	    CMAKE_FIND_ROOT_PATH_BOTH
    )

    if (BUILD_VERBOSE)
        message("${SRC_FILE} >> ${TinyMl_SRC_FILE}")
    endif()

    list(APPEND TinyMl_SOURCES ${TinyMl_SRC_FILE})

endforeach()

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(TinyMl DEFAULT_MSG TinyMl_INCLUDE_DIRS TinyMl_SOURCES)
